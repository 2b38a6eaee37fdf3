// herlens shots FILE: the shot list (cuts, dissolves, fades) and shot-length statistics.
#include <optional>

#include "commands.hpp"
#include "common.hpp"
#include "herlens/report/atomic_file.hpp"
#include "herlens/report/shots_report.hpp"
#include "parameters.hpp"

namespace herlens::cli {

namespace {

struct ShotsOptions : AnalysisCommand {
  std::string stats_file;  // --stats: per-frame scores as CSV
};

void run_shots(const ShotsOptions& options) {
  std::optional<report::AtomicFile> stats;  // made now, so a place it cannot go fails before decoding
  if (!options.stats_file.empty()) stats.emplace(options.stats_file);
  run_analysis_command(options, options.request(metrics::Analysis::shots), [&stats](const pipeline::FilmAnalysis& film) {
    if (!stats) return;
    stats->write(report::to_csv(report::shot_scores_table(*film.summary.shots)));
    stats->commit();
  });
}

}  // namespace

void setup_shots(CLI::App& app) {
  auto options = std::make_shared<ShotsOptions>();
  CLI::App* command = app.add_subcommand(
      "shots", "Shot list (cuts, dissolves, fades) with ASL, MSL, longest takes and cutting rate");
  add_common_options(*command, options->common);
  bind_parameters(*command, options->analysis.shot_boundaries);
  bind_parameters(*command, options->analysis.shots);
  CLI::Option* shot_list = add_shot_list_option(*command, options->common);
  // A given list leaves the detector out: there are no per-frame scores to write.
  command->add_option("--stats", options->stats_file, "Write per-frame detector scores to this CSV file")
      ->excludes(shot_list);
  add_examples(*command, {"herlens shots film.mp4 > shots.csv", "herlens shots film.mp4 --start 1:30 --end 2m30s", "herlens shots film.mp4 -o film.herlens --stats scores.csv"});
  command->callback([options] { run_shots(*options); });
}

}  // namespace herlens::cli
