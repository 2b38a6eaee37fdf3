// herlens report FILE [-o DIR]: every analysis the file's streams allow, in one decode pass, written
// as CSV tables, PNG pictures, summary.json and report.html (the page of those files), and with --export the
// exports other tools read (docs/exports.md).
#include <algorithm>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "herlens/claims/claim.hpp"
#include "herlens/error.hpp"
#include "herlens/exports/formats.hpp"
#include "herlens/metrics/metric_catalog.hpp"
#include "herlens/report/report_page.hpp"

namespace herlens::cli {

namespace {

struct ReportOptions {
  CommonOptions common;
  pipeline::AnalysisOptions analysis;
  std::string only;     // comma-separated analyses
  std::string exports;  // comma-separated export formats
  std::vector<std::string> claims;  // --claim: judged and shown on the page
  std::string claims_file;          // --claims FILE
};

// The claims to show on the page, parsed and their metrics checked before any decoding.
std::vector<claims::Claim> page_claims(const ReportOptions& options) {
  std::vector<claims::Claim> all;
  for (const std::string& text : options.claims) all.push_back(claims::parse_claim(text));
  if (!options.claims_file.empty())
    for (claims::Claim& claim : claims::parse_claims_file(read_input_text(options.claims_file))) all.push_back(std::move(claim));
  for (const claims::Claim& claim : all) {
    if (claim.about_many_films())
      throw Error(ErrorKind::usage, fmt::format("'{}' is about many films: check it with --corpus DIR", claim.text));
    claims::check_metrics(claim);
  }
  return all;
}

void run_report(const ReportOptions& options) {
  pipeline::AnalysisRequest request = options.common.request(analyses_from(options.only), options.analysis);
  request.missing_stream = pipeline::WhenStreamMissing::skip;
  const std::vector<exports::Format> formats =
      options.exports.empty() ? std::vector<exports::Format>{} : exports::formats_named(options.exports);
  exports::check_shown(formats, request.analyses);
  const std::vector<claims::Claim> claims = page_claims(options);
  const std::filesystem::path dir =
      options.common.output_dir.empty() ? report::default_report_folder(options.common.input)
                                        : std::filesystem::path(options.common.output_dir);
  report::OutputFolder folder(dir, report::OutputFolder::Mode::replace);
  const pipeline::FilmAnalysis film = analyse(options.common, request);
  report::Outputs outputs = report::outputs_of(film.summary, {});
  // A claim about an analysis the film's streams did not allow has nothing to be judged on.
  std::vector<claims::Claim> judged;
  for (const claims::Claim& claim : claims) {
    const auto named = claim.metrics();
    if (std::all_of(named.begin(), named.end(),
                    [&film](const claims::Operand& o) { return metrics::find_metric(o.metric)->value(film.summary); }))
      judged.push_back(claim);
    else if (!options.common.quiet)
      fmt::print(stderr, "herlens: warning: claim '{}' not judged: the report lacks a metric it names\n", claim.text);
  }
  const std::vector<claims::Verdict> verdicts = claims::evaluate(judged, [&film](const std::string& name) {
    return metrics::find_metric(name)->value(film.summary);
  });
  outputs.documents.emplace_back("report.html", report::render_html(report::report_page(film.summary, outputs, verdicts)));
  for (const std::string& warning : exports::add_exports(outputs, formats, {now_iso8601(), folder.path()}))
    if (!options.common.quiet) fmt::print(stderr, "herlens: warning: {}\n", warning);
  folder.write(outputs);
  if (options.common.json) print_stdout(outputs.summary.dump(2) + "\n");
  say_written(outputs, dir, options.common.quiet, "report.html");
}

}  // namespace

void setup_report(CLI::App& app) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* command = app.add_subcommand(
      "report", "Every analysis in one pass: tables, pictures, summary.json and report.html in a folder (FILE.herlens)");
  add_common_options(*command, options->common);
  command->get_option("--output")->description(
      "Write the report into this folder (default: FILE.herlens beside the film, or in the current folder when the "
      "film's folder cannot be written)");
  add_shot_list_option(*command, options->common);
  command->add_option("--only", options->only, "Run only these analyses: shots,palette,framing,dialogue");
  command->add_option("--export", options->exports,
                      "Also write these exports into the folder: edl,otio,fcpxml,eaf,srt,vtt (docs/exports.md)");
  command->add_option("--claim", options->claims,
                      "A claim to judge and show on the page, as herlens check takes it: 'blue_share < 5%'");
  command->add_option("--claims", options->claims_file, "A file of claims to judge and show on the page");
  add_model_dir_option(*command, options->analysis);
  add_examples(*command, {"herlens report film.mp4                  (writes film.mp4.herlens/)", "herlens report film.mp4 -o her --only shots,palette", "herlens report film.mp4 --start 10s --end 01:02:03.5 --export edl,srt"});
  command->callback([options] { run_report(*options); });
}

}  // namespace herlens::cli
