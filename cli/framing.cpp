// herlens framing FILE: shot scale per shot (close-ups to extreme long shots) from the faces seen.
#include <map>

#include "commands.hpp"
#include "common.hpp"
#include "parameters.hpp"

namespace herlens::cli {

void setup_framing(CLI::App& app) {
  auto options = std::make_shared<AnalysisCommand>();
  CLI::App* command = app.add_subcommand(
      "framing",
      "Shot scale per shot (ECU, CU, MCU, MS, MLS, LS, ELS, none) by body framing and face sizes, with contact sheets");
  add_common_options(*command, options->common);
  add_shot_list_option(*command, options->common);
  std::map<std::string, models::FaceDetectorKind> detectors;
  for (const models::FaceDetectorKind kind : models::all_face_detectors) detectors.emplace(models::name(kind), kind);
  command->add_option("--detector", options->analysis.face_detector,
                      "Face detector: blazeface; blazeface-opencv (the same model run by OpenCV's dnn module, "
                      "slower, to check herlens's own runtime); or haar for comparison")
      ->transform(CLI::CheckedTransformer(detectors, CLI::ignore_case));
  add_model_dir_option(*command, options->analysis);
  command->add_flag("--frames-csv", options->writer.framing.frames_table,
                    "Also write the per-sample table face_frames (time, frame, face_count, boxes, scores)");
  bind_parameters(*command, options->analysis.faces);
  bind_parameters(*command, options->analysis.scale);
  add_examples(*command, {"herlens framing film.mp4 > framing.csv", "herlens framing film.mp4 --shots corrected-shots.csv -o film.herlens"});
  command->callback([options] { run_analysis_command(*options, options->request(metrics::Analysis::framing)); });
}

}  // namespace herlens::cli
