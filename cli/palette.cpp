// herlens palette FILE: the film's colours: k-means palette in CIE L*a*b*, colour families with
// pixel, chromatic, shot and time shares, evidence frames per family, barcode, per-shot palettes.
#include "commands.hpp"
#include "common.hpp"
#include "herlens/analyzers/colour_analyzer.hpp"
#include "herlens/analyzers/shot_detector.hpp"
#include "herlens/report/palette_report.hpp"

namespace herlens::cli {

namespace {

struct PaletteOptions {
  CommonOptions common;
  analyzers::ColourParams colour;
  report::PaletteReportParams report;
};

void run_palette(const PaletteOptions& options) {
  analyzers::ShotDetector shots;
  analyzers::ColourAnalyzer colour(options.colour);
  pipeline::Analyzer* analyzers[] = {&shots, &colour};
  const auto pass = pipeline::run_pass(options.common.input, analyzers, options.common.pass_options());
  report::Outputs outputs;
  report::add_palette_report(analyzers::summarise(colour, shots.result().shots), options.report, outputs);
  note_decode_health(pass, options.common, outputs);
  emit(outputs, options.common);
}

}  // namespace

void setup_palette(CLI::App& app) {
  auto options = std::make_shared<PaletteOptions>();
  CLI::App* command = app.add_subcommand(
      "palette", "Colour palette (k-means in CIE Lab), colour families with evidence frames, film barcode");
  add_common_options(*command, options->common);
  command->add_option("-k,--colours", options->colour.palette.colours, "Colours in the palette (film and per shot)")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  command->add_option("--evidence", options->colour.evidence_per_family,
                      "Shots shown as evidence for each colour family (thumbnails with -o)")
      ->check(CLI::Range(0, 50))
      ->capture_default_str();
  command->add_option("--samples-per-frame", options->colour.samples_per_frame,
                      "Pixels sampled from each frame for the palettes")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  command->add_option("--barcode-width", options->report.barcode_width, "Time slices (columns) in barcode.png")
      ->check(CLI::Range(16, 10000))
      ->capture_default_str();
  command->callback([options] { run_palette(*options); });
}

}  // namespace herlens::cli
