// herlens check FILE --claim EXPR ... | --claims FILE [--from DIR]: critics' claims as pass / fail.
// Exit 0 when every claim holds, 1 when any does not, 2 on any error (bad expression, unknown metric,
// unreadable input), so scripts and CI can tell a false claim from a broken run.
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "herlens/claims/claim.hpp"
#include "herlens/error.hpp"
#include "herlens/report/film_report.hpp"
#include "herlens/report/metric_catalog.hpp"

namespace herlens::cli {

namespace {

struct CheckOptions {
  CommonOptions common;  // -o is not used: check writes no files
  std::vector<std::string> claims;
  std::string claims_file;
  std::string from_dir;
  bool list_metrics = false;
};

std::vector<claims::Claim> read_claims(const CheckOptions& options) {
  std::vector<claims::Claim> all;
  for (const std::string& text : options.claims) all.push_back(claims::parse_claim(text));
  if (!options.claims_file.empty()) {
    const auto from_file = claims::parse_claims_file(read_input_text(options.claims_file));
    all.insert(all.end(), from_file.begin(), from_file.end());
  }
  if (all.empty()) throw Error(ErrorKind::usage, "no claim given: use --claim EXPR or --claims FILE");
  return all;
}

// Only the analyses the claims need run, in one pass.
std::vector<report::Part> parts_needed(const std::vector<claims::Claim>& claims) {
  std::set<report::Part> parts;
  for (const claims::Claim& claim : claims) {
    const report::MetricDefinition* metric = report::find_metric(claim.metric);
    if (!metric)
      throw Error(ErrorKind::usage, fmt::format("unknown metric '{}' in claim '{}' (herlens check "
                                                "--list-metrics names them all)",
                                                claim.metric, claim.text));
    if (metric->part != "runtime") parts.insert(report::part_named(metric->part));
  }
  return {parts.begin(), parts.end()};
}

report::json::Value summary_for(const CheckOptions& options, const std::vector<report::Part>& parts) {
  if (!options.from_dir.empty())
    return report::json::parse(read_input_text(std::filesystem::path(options.from_dir) / "summary.json"));
  report::FilmReportOptions film;
  film.parts = parts;
  film.pass = options.common.pass_options();
  const report::FilmReport film_report = report::analyse_film(options.common.input, film);
  warn_on_damage(film_report.pass, options.common);
  return film_report.summary;
}

std::optional<double> lookup(const report::json::Value& summary, const std::string& name) {
  // A saved report's "metrics" section is what it measured; a fresh summary has the parts too.
  if (const report::json::Value* metrics = summary.find("metrics"))
    if (const report::json::Value* entry = metrics->find(name))
      if (const report::json::Value* value = entry->find("value"); value && value->is_number())
        return value->as_number();
  const report::MetricDefinition* metric = report::find_metric(name);
  if (!metric) return std::nullopt;
  return report::metric_value(summary, *metric);
}

std::string verdicts_text(const std::vector<claims::Verdict>& verdicts) {
  std::string out = fmt::format("{:<7} {:<44} {:>12}  {}\n", "verdict", "claim", "measured", "description");
  for (const claims::Verdict& v : verdicts)
    out += fmt::format("{:<7} {:<44} {:>12.4g}  {}\n", v.holds ? "holds" : "FAILS", v.claim.text,
                       v.measured, v.claim.description);
  const auto failed = std::count_if(verdicts.begin(), verdicts.end(), [](const auto& v) { return !v.holds; });
  out += fmt::format("{} of {} claims hold\n", verdicts.size() - failed, verdicts.size());
  return out;
}

report::json::Value verdicts_json(const std::vector<claims::Verdict>& verdicts) {
  report::json::Array results;
  bool all_hold = true;
  for (const claims::Verdict& v : verdicts) {
    all_hold &= v.holds;
    results.push_back(report::json::Object{{"claim", v.claim.text},
                                           {"metric", v.claim.metric},
                                           {"comparison", claims::symbol(v.claim.comparison)},
                                           {"value", v.claim.value},
                                           {"tolerance", v.claim.tolerance},
                                           {"description", v.claim.description},
                                           {"measured", v.measured},
                                           {"holds", v.holds}});
  }
  return report::json::Object{{"all_hold", all_hold}, {"claims", results}};
}

std::string metrics_list() {
  std::string out;
  for (const report::MetricDefinition& m : report::metric_catalog())
    out += fmt::format("{:<28} {:<9} {:<10} {}\n", m.name, m.part, m.unit, m.definition);
  return out;
}

int run_check(const CheckOptions& options) {
  if (options.list_metrics) {
    print_stdout(metrics_list());
    return 0;
  }
  if (options.common.input.empty() && options.from_dir.empty())
    throw Error(ErrorKind::usage, "give a FILE to analyse or --from DIR with a saved report");
  const std::vector<claims::Claim> claims = read_claims(options);
  const std::vector<report::Part> parts = parts_needed(claims);  // also rejects unknown metrics
  const report::json::Value summary = summary_for(options, parts);
  const auto verdicts = claims::evaluate(
      claims, [&summary](const std::string& name) { return lookup(summary, name); });
  print_stdout(options.common.json ? report::json::dump(verdicts_json(verdicts)) : verdicts_text(verdicts));
  const bool all_hold = std::all_of(verdicts.begin(), verdicts.end(), [](const auto& v) { return v.holds; });
  return all_hold ? 0 : 1;
}

}  // namespace

void setup_check(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* command = app.add_subcommand(
      "check", "Check claims such as 'blue_share < 0.05': exit 0 if all hold, 1 if any fails, 2 on errors");
  command->add_option("FILE", options->common.input, "Film to analyse (not needed with --from)");
  command->add_option("--claim", options->claims, "A claim: METRIC OP NUMBER [+- TOL], e.g. 'asl_seconds > 6'");
  command->add_option("--claims", options->claims_file, "A file of claims, one per line, # comments");
  command->add_option("--from", options->from_dir, "Check against a saved report folder instead of decoding");
  command->add_flag("--list-metrics", options->list_metrics, "List every metric name a claim can use");
  command->add_flag("--json", options->common.json, "Verdicts as JSON");
  command->add_flag("-q,--quiet", options->common.quiet, "No progress line and no warnings");
  command->add_option("--threads", options->common.threads, "Decoder threads (0 = one per core)")
      ->check(CLI::Range(0, 256));
  command->callback([options, &exit_code] {
    try {
      exit_code = run_check(*options);
    } catch (const Error& e) {
      // check promises exit code 2 for every error, whatever its kind.
      throw Error(ErrorKind::usage, e.what());
    }
  });
}

}  // namespace herlens::cli
