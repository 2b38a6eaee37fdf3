// herlens palette FILE: the film's colours: k-means palette in CIE L*a*b*, colour families with
// pixel, chromatic, shot and time shares, evidence frames per family, barcode, per-shot palettes.
#include "commands.hpp"
#include "common.hpp"
#include "parameters.hpp"

namespace herlens::cli {

void setup_palette(CLI::App& app) {
  auto options = std::make_shared<AnalysisCommand>();
  CLI::App* command = app.add_subcommand(
      "palette", "Colour palette (k-means in CIE Lab), colour families with evidence frames, film barcode");
  add_common_options(*command, options->common);
  add_shot_list_option(*command, options->common);
  bind_parameters(*command, options->analysis.colour.palette);
  bind_parameters(*command, options->analysis.colour);
  bind_parameters(*command, options->writer.palette);
  add_examples(*command, {"herlens palette film.mp4 > palette.csv", "herlens palette film.mp4 -o film.herlens --barcode-width 1200"});
  command->callback([options] { run_analysis_command(*options, options->request(metrics::Analysis::palette)); });
}

}  // namespace herlens::cli
