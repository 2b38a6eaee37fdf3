// herlens check FILE --claim EXPR ... | --claims FILE [--from DIR | --corpus DIR]: critics' claims as
// pass / fail, about one film or a corpus (each film, or an aggregate such as median(asl_seconds)).
// Exit 0 when every claim holds, 1 when any does not, 2 on any error (bad expression, unknown metric,
// unreadable input), so scripts and CI can tell a false claim from a broken run.
#include <algorithm>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "herlens/claims/claim.hpp"
#include "herlens/corpus/corpus_table.hpp"
#include "herlens/error.hpp"
#include "herlens/metrics/metric_catalog.hpp"
#include "herlens/report/saved_report.hpp"
#include "herlens/report/verdicts.hpp"
#include "parameters.hpp"

namespace herlens::cli {

namespace {

struct CheckOptions {
  CommonOptions common;  // -o is not used: check writes no files
  std::vector<std::string> claims;
  std::string claims_file;
  std::string from_dir;
  std::string corpus_dir;
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
std::vector<metrics::Analysis> analyses_needed(const std::vector<claims::Claim>& claims) {
  std::vector<metrics::Analysis> analyses;
  for (const claims::Claim& claim : claims) {
    if (claim.about_many_films())
      throw Error(ErrorKind::usage, fmt::format("'{}' is about many films: check it with --corpus DIR", claim.text));
    claims::check_metrics(claim);
    for (const claims::Operand& operand : claim.metrics()) {
      const metrics::MetricDefinition* metric = metrics::find_metric(operand.metric);
      if (metric->analysis && std::find(analyses.begin(), analyses.end(), *metric->analysis) == analyses.end())
        analyses.push_back(*metric->analysis);
    }
  }
  return analyses;
}

// Each claim's metric measured: from a saved report, or by analysing the film now.
claims::MetricLookup measured(const CheckOptions& options, const std::vector<claims::Claim>& claims) {
  const std::vector<metrics::Analysis> analyses = analyses_needed(claims);  // also rejects unknown metrics
  if (!options.from_dir.empty()) {
    auto saved = std::make_shared<std::map<std::string, double>>(report::SavedReport::read(options.from_dir).metrics());
    return [saved](const std::string& name) -> std::optional<double> {
      const auto found = saved->find(name);
      return found == saved->end() ? std::nullopt : std::optional(found->second);
    };
  }
  auto summary = std::make_shared<metrics::FilmSummary>(
      analyse(options.common, options.common.request(analyses, {})).summary);
  return [summary](const std::string& name) { return metrics::find_metric(name)->value(*summary); };
}

int run_check(const CheckOptions& options) {
  if (options.list_metrics) {
    print_stdout(report::metric_list());
    return 0;
  }
  if (options.common.input.empty() && options.from_dir.empty() && options.corpus_dir.empty())
    throw Error(ErrorKind::usage, "give a FILE to analyse, --from DIR with a saved report or --corpus DIR");
  const std::vector<claims::Claim> claims = read_claims(options);
  const auto verdicts =
      options.corpus_dir.empty()
          ? claims::evaluate(claims, measured(options, claims))
          : corpus::judge_corpus(claims, corpus::load_corpus(corpus::CorpusFolder::existing(options.corpus_dir)));
  print_stdout(options.common.json ? report::verdicts_json(verdicts).dump(2) + "\n" : report::verdicts_text(verdicts));
  const bool all_hold = std::all_of(verdicts.begin(), verdicts.end(), [](const auto& v) { return v.holds; });
  return all_hold ? 0 : 1;
}

}  // namespace

void setup_check(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<CheckOptions>();
  CLI::App* command = app.add_subcommand(
      "check", "Check claims such as 'blue_share < 0.05': exit 0 if all hold, 1 if any fails, 2 on errors");
  command->add_option("FILE", options->common.input, "Film to analyse (not needed with --from)");
  command->add_option("--claim", options->claims, "A claim: METRIC OP NUMBER|METRIC [+- TOL], joined by and/or: 'asl_seconds > 6', 'blue_share < 5%', "
                      "'warm_share > cool_share'");
  command->add_option("--claims", options->claims_file, "A file of claims, one per line, # comments");
  CLI::Option* from =
      command->add_option("--from", options->from_dir, "Check against a saved report folder instead of decoding");
  CLI::Option* corpus = command->add_option(
      "--corpus", options->corpus_dir, "Check a corpus folder (corpus run): each film, or median(METRIC) and such");
  corpus->excludes(from)->excludes(command->get_option("FILE"));
  command->add_flag("--list-metrics", options->list_metrics, "List every metric name a claim can use");
  command->add_flag("--json", options->common.json, "Verdicts as JSON");
  command->add_flag("-q,--quiet", options->common.quiet, "No progress line and no warnings");
  bind_parameters(*command, options->common.pass, {"threads"});
  add_shot_list_option(*command, options->common)->excludes(from)->excludes(corpus);  // a saved report has its shots
  add_examples(*command, {"herlens check film.mp4 --claim 'blue_share < 5%'", "herlens check film.mp4 --claim 'warm_share > cool_share and asl_seconds > 6'", "herlens check --from film.mp4.herlens --claims samples/her-claims.txt"});
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
