// herlens framing FILE: shot scale per shot (close-ups to extreme long shots) from the faces seen.
#include <map>

#include "commands.hpp"
#include "common.hpp"
#include "herlens/analyzers/face_analyzer.hpp"
#include "herlens/analyzers/shot_detector.hpp"
#include "herlens/report/framing_report.hpp"

namespace herlens::cli {

namespace {

struct FramingOptions {
  CommonOptions common;
  analyzers::FaceAnalyzerParams faces;
  report::FramingReportOptions report;
  models::FaceDetectorKind detector = models::FaceDetectorKind::blazeface;
  std::string model_dir;
};

void run_framing(FramingOptions options) {
  options.faces.thresholds = options.report.scale.thresholds;  // thumbnails pooled by the same classes
  options.report.validate();
  analyzers::ShotDetector shots;
  analyzers::FaceAnalyzer faces(models::make_face_detector(options.detector, options.model_dir), options.faces);
  pipeline::Analyzer* analyzers[] = {&shots, &faces};
  const auto pass = pipeline::run_pass(options.common.input, analyzers, options.common.pass_options());
  report::Outputs outputs = report::framing_outputs(shots.result(), faces, options.report);
  note_decode_health(pass, options.common, outputs);
  emit(outputs, options.common);
}

}  // namespace

void setup_framing(CLI::App& app) {
  auto options = std::make_shared<FramingOptions>();
  CLI::App* command = app.add_subcommand(
      "framing", "Shot scale per shot (ECU, CU, MCU, MS, MLS, LS, ELS, none) from face sizes, with contact sheets");
  add_common_options(*command, options->common);
  const std::map<std::string, models::FaceDetectorKind> detectors{
      {"blazeface", models::FaceDetectorKind::blazeface},
      {"blazeface-opencv", models::FaceDetectorKind::blazeface_opencv},
      {"haar", models::FaceDetectorKind::haar}};
  command->add_option("--detector", options->detector,
                      "Face detector: blazeface; blazeface-opencv (the same model run by OpenCV's dnn module, "
                      "slower, to check herlens's own runtime); or haar for comparison")
      ->transform(CLI::CheckedTransformer(detectors, CLI::ignore_case))
      ->capture_default_str();
  command->add_option("--model-dir", options->model_dir, "Folder searched first for the face models");
  command->add_flag("--frames-csv", options->report.frames_table,
                    "Also write the per-sample table face_frames (time, frame, face_count, boxes, scores)");
  command->add_option("--sample-interval", options->faces.sparse_interval,
                      "Seconds between samples once a shot is more than a second old")
      ->check(CLI::Range(0.5, 60.0))
      ->capture_default_str();
  command->add_option("--detail-width", options->faces.detail_width, "Width in pixels of the pictures searched for faces")
      ->check(CLI::Range(160, 4096))
      ->capture_default_str();
  command->add_option("--min-face-share", options->report.scale.min_face_share,
                      "Share of a shot's samples that must show a face for the shot to count as showing one")
      ->check(CLI::Range(0.01, 1.0))
      ->capture_default_str();
  command->callback([options] { run_framing(*options); });
}

}  // namespace herlens::cli
