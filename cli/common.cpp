#include "common.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/suggest.hpp"
#include "herlens/report/timecode.hpp"
#include "parameters.hpp"

namespace herlens::cli {

pipeline::AnalysisRequest CommonOptions::request(std::vector<metrics::Analysis> analyses,
                                                 const pipeline::AnalysisOptions& options) const {
  pipeline::AnalysisRequest request{std::move(analyses), pass, options, pipeline::WhenStreamMissing::fail, {}};
  request.pass.progress = !quiet;
  if (!start.empty()) request.pass.start = report::parse_time(start);
  if (!end.empty()) request.pass.end = report::parse_time(end);
  if (!shot_list.empty()) request.options.shot_list = metrics::parse_shot_list(read_input_text(shot_list), shot_list);
  return request;
}

void add_common_options(CLI::App& command, CommonOptions& options) {
  command.add_option("FILE", options.input, "Film or audio file to analyse")->required();
  command.add_option("-o,--output", options.output_dir,
                     "Write every table (CSV), picture (PNG) and summary.json into this folder");
  command.add_flag("--json", options.json, "Print the summary as JSON instead of the main table");
  command.add_flag("-q,--quiet", options.quiet, "No progress line and no warnings on stderr");
  bind_parameters(command, options.pass);
  command.add_option("--start", options.start, "Analyse from this time: 90, 10s, 1m30s, 1:30 or 01:02:03.5");
  command.add_option("--end", options.end, "Analyse up to this time (same forms as --start)");
}

void add_examples(CLI::App& command, const std::vector<std::string>& examples) {
  std::string footer = "Examples:";
  for (const std::string& example : examples) footer += "\n  " + example;
  command.footer(footer + "\nExit codes: herlens --help.");
}

CLI::Option* add_shot_list_option(CLI::App& command, CommonOptions& options) {
  return command.add_option("--shots", options.shot_list,
                            "Take the shots from this list instead of detecting them: herlens' shots.csv or "
                            "PySceneDetect's list-scenes CSV, corrected by hand (docs/shots.md)");
}

void add_model_dir_option(CLI::App& command, pipeline::AnalysisOptions& options) {
  command.add_option("--model-dir", options.model_dir, "Folder holding the trained models (default: models/)");
}

void warn(const metrics::FilmSummary& summary, const std::string& input, bool quiet) {
  if (quiet) return;
  for (const metrics::SkippedAnalysis& skipped : summary.skipped)
    fmt::print(stderr, "herlens: warning: {} skipped: {} has {}\n", metrics::name(skipped.analysis), input,
               skipped.reason);
  if (summary.decode.decode_errors > 0)
    fmt::print(stderr, "herlens: warning: {} decode errors in {} (damaged stream); results cover what decoded\n",
               summary.decode.decode_errors, input);
  if (summary.decode.ended_early)
    fmt::print(stderr, "herlens: warning: {} ended early (truncated or unreadable); results cover what was read\n",
               input);
  if (summary.decode.timestamps_ignored)
    fmt::print(stderr,
               "herlens: warning: {}'s timestamps claim more than {:g} hours; it was timed by its decoded frames "
               "instead\n",
               input, media::longest_film_seconds / 3600);
}

std::string read_input_text(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw Error(ErrorKind::input, fmt::format("{}: no such file", path.string()));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw Error(ErrorKind::input, fmt::format("{}: cannot read", path.string()));
  return text.str();
}

void print_stdout(const std::string& text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() || std::fflush(stdout) != 0)
    throw Error(ErrorKind::output, "cannot write to standard output");
}

std::string now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

void emit(const report::Outputs& outputs, const CommonOptions& options, report::OutputFolder* folder) {
  if (folder) folder->write(outputs);
  if (options.json) print_stdout(outputs.summary.dump(2) + "\n");
  else if (options.output_dir.empty() && outputs.main_table()) print_stdout(report::to_csv(*outputs.main_table()));
}

void say_written(const report::Outputs& outputs, const std::filesystem::path& dir, bool quiet, const std::string& open) {
  if (quiet) return;
  size_t files = outputs.documents.size() + 1;  // and summary.json
  for (const report::AnalysisOutputs& analysis : outputs.analyses) files += analysis.tables.size() + analysis.pictures.size();
  const std::string folder = dir.string() + (dir.string().ends_with('/') ? "" : "/");
  if (open.empty()) fmt::print(stderr, "herlens: wrote {} files into {}\n", files, folder);
  else fmt::print(stderr, "herlens: wrote {} files into {}; open {}{}\n", files, folder, folder, open);
}

void run_analysis_command(const AnalysisCommand& command, const pipeline::AnalysisRequest& request,
                          const std::function<void(const pipeline::FilmAnalysis&)>& extra) {
  std::optional<report::OutputFolder> folder;  // checked before any decoding
  if (!command.common.output_dir.empty()) folder.emplace(command.common.output_dir, report::OutputFolder::Mode::add);
  const pipeline::FilmAnalysis film = analyse(command.common, request);
  if (extra) extra(film);
  const report::Outputs outputs = report::outputs_of(film.summary, command.writer);
  emit(outputs, command.common, folder ? &*folder : nullptr);
  if (folder) say_written(outputs, command.common.output_dir, command.common.quiet);
}

std::vector<metrics::Analysis> analyses_from(const std::string& list) {
  if (list.empty()) return {metrics::all_analyses.begin(), metrics::all_analyses.end()};
  std::vector<metrics::Analysis> analyses;
  std::stringstream items(list);
  std::string item;
  while (std::getline(items, item, ',')) {
    const std::optional<metrics::Analysis> analysis = metrics::analysis_named(item);
    if (!analysis)
      throw Error(ErrorKind::usage, fmt::format("unknown analysis '{}' (choose from shots, palette, framing, dialogue){}",
                                                item, did_you_mean(item, {"shots", "palette", "framing", "dialogue"})));
    analyses.push_back(*analysis);
  }
  return analyses;
}

pipeline::FilmAnalysis analyse(const CommonOptions& options, const pipeline::AnalysisRequest& request) {
  pipeline::FilmAnalysis film = pipeline::analyse(options.input, request);
  warn(film.summary, options.input, options.quiet);
  return film;
}

}  // namespace herlens::cli
