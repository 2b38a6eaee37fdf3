// herlens report FILE -o DIR: every analysis in one decode pass, written as CSV tables, PNG
// pictures, summary.json and a self-contained report.html.
#include <sstream>

#include "commands.hpp"
#include "common.hpp"
#include "herlens/report/film_report.hpp"
#include "herlens/report/report_page.hpp"

namespace herlens::cli {

namespace {

struct ReportOptions {
  CommonOptions common;
  std::string only;  // comma-separated parts
  std::string model_dir;
};

std::vector<report::Part> parts_from(const std::string& list) {
  if (list.empty()) return {std::begin(report::all_parts), std::end(report::all_parts)};
  std::vector<report::Part> parts;
  std::stringstream items(list);
  std::string item;
  while (std::getline(items, item, ',')) parts.push_back(report::part_named(item));
  return parts;
}

void run_report(const ReportOptions& options) {
  report::FilmReportOptions film;
  film.parts = parts_from(options.only);
  film.pass = options.common.pass_options();
  film.model_dir = options.model_dir;
  const report::FilmReport film_report = report::analyse_film(options.common.input, film);
  report::Outputs outputs = report::film_outputs(film_report);
  outputs.documents.emplace_back("report.html", report::render_html(report::report_page(film_report)));
  warn_on_damage(film_report.pass, options.common);
  report::replace_dir(options.common.output_dir, outputs);
  if (options.common.json) print_stdout(report::json::dump(outputs.summary));
}

}  // namespace

void setup_report(CLI::App& app) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* command = app.add_subcommand(
      "report", "Every analysis in one pass: tables, pictures, summary.json and report.html in a folder");
  add_common_options(*command, options->common);
  command->get_option("--output")->required();
  command->add_option("--only", options->only, "Run only these analyses: shots,palette,framing,dialogue");
  command->add_option("--model-dir", options->model_dir, "Folder holding the trained models (default: models/)");
  command->callback([options] { run_report(*options); });
}

}  // namespace herlens::cli
