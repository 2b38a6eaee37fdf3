// herlens shots FILE: the shot list (cuts, dissolves, fades) and shot-length statistics.
#include "commands.hpp"
#include "common.hpp"
#include "herlens/analyzers/shot_detector.hpp"
#include "herlens/report/atomic_file.hpp"
#include "herlens/report/shots_report.hpp"

namespace herlens::cli {

namespace {

struct ShotsOptions {
  CommonOptions common;
  analyzers::ShotDetectorParams detector;
  report::ShotsReportOptions report;
  std::string stats_file;  // --stats: per-frame scores as CSV
};

void run_shots(const ShotsOptions& options) {
  analyzers::ShotDetector detector(options.detector);
  pipeline::Analyzer* analyzers[] = {&detector};
  const auto pass = pipeline::run_pass(options.common.input, analyzers, options.common.pass_options());
  report::Outputs outputs = report::shots_outputs(detector.result(), options.report);
  note_decode_health(pass, options.common, outputs);
  if (!options.stats_file.empty())
    report::write_file_atomically(options.stats_file,
                                  report::to_csv(report::shot_scores_table(detector.scores(), detector.result())));
  emit(outputs, options.common);
}

}  // namespace

void setup_shots(CLI::App& app) {
  auto options = std::make_shared<ShotsOptions>();
  CLI::App* command = app.add_subcommand(
      "shots", "Shot list (cuts, dissolves, fades) with ASL, MSL, longest takes and cutting rate");
  add_common_options(*command, options->common);
  analyzers::ShotDetectorParams& detector = options->detector;
  command->add_option("--threshold", detector.threshold,
                      "Cut sensitivity: how many times its neighbours' change a cut must be (lower finds more)")
      ->check(CLI::Range(1.5, 20.0))
      ->capture_default_str();
  command->add_option("--min-cut-score", detector.min_cut_score,
                      "Smallest change (0..1) a cut can have, however calm its neighbours")
      ->check(CLI::Range(0.01, 0.5))
      ->capture_default_str();
  command->add_option("--min-gradual-change", detector.min_gradual_change,
                      "Smallest change (0..1) between the ends of a dissolve or fade")
      ->check(CLI::Range(0.01, 0.5))
      ->capture_default_str();
  command->add_option("--min-shot", detector.min_shot_seconds,
                      "Minimum shot length in seconds: of two boundaries closer than this, only the stronger counts")
      ->check(CLI::Range(0.0, 10.0))
      ->capture_default_str();
  command->add_option("--window-minutes", options->report.window_minutes,
                      "Length of the cutting-rate windows in minutes")
      ->check(CLI::Range(0.01, 600.0))
      ->capture_default_str();
  command->add_option("--stats", options->stats_file, "Write per-frame detector scores to this CSV file");
  command->callback([options] { run_shots(*options); });
}

}  // namespace herlens::cli
