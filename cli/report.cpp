// herlens report FILE -o DIR: every analysis the file's streams allow, in one decode pass, written
// as CSV tables, PNG pictures, summary.json and a self-contained report.html, and with --export the
// exports other tools read (docs/exports.md).
#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "herlens/error.hpp"
#include "herlens/exports/formats.hpp"
#include "herlens/report/report_page.hpp"

namespace herlens::cli {

namespace {

struct ReportOptions {
  CommonOptions common;
  pipeline::AnalysisOptions analysis;
  std::string only;     // comma-separated analyses
  std::string exports;  // comma-separated export formats
};

void run_report(const ReportOptions& options) {
  pipeline::AnalysisRequest request = options.common.request(analyses_from(options.only), options.analysis);
  request.missing_stream = pipeline::WhenStreamMissing::skip;
  const std::vector<exports::Format> formats =
      options.exports.empty() ? std::vector<exports::Format>{} : exports::formats_named(options.exports);
  exports::check_shown(formats, request.analyses);
  report::OutputFolder folder(options.common.output_dir, report::OutputFolder::Mode::replace);
  const pipeline::FilmAnalysis film = analyse(options.common, request);
  report::Outputs outputs = report::outputs_of(film.summary, {});
  outputs.documents.emplace_back("report.html", report::render_html(report::report_page(film.summary, outputs)));
  for (const std::string& warning : exports::add_exports(outputs, formats, {now_iso8601(), folder.path()}))
    if (!options.common.quiet) fmt::print(stderr, "herlens: warning: {}\n", warning);
  folder.write(outputs);
  if (options.common.json) print_stdout(outputs.summary.dump(2) + "\n");
}

}  // namespace

void setup_report(CLI::App& app) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* command = app.add_subcommand(
      "report", "Every analysis in one pass: tables, pictures, summary.json and report.html in a folder");
  add_common_options(*command, options->common);
  command->get_option("--output")->required();
  add_shot_list_option(*command, options->common);
  command->add_option("--only", options->only, "Run only these analyses: shots,palette,framing,dialogue");
  command->add_option("--export", options->exports,
                      "Also write these exports into the folder: edl,otio,fcpxml,eaf,srt,vtt (docs/exports.md)");
  add_model_dir_option(*command, options->analysis);
  command->callback([options] { run_report(*options); });
}

}  // namespace herlens::cli
