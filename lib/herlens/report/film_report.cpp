#include "herlens/report/film_report.hpp"

#include <algorithm>
#include <memory>

#include <fmt/format.h>

#include "herlens/analyzers/frame_count.hpp"
#include "herlens/error.hpp"
#include "herlens/report/metric_catalog.hpp"

namespace herlens::report {

std::string_view name(Part part) {
  switch (part) {
    case Part::shots: return "shots";
    case Part::palette: return "palette";
    case Part::framing: return "framing";
    case Part::dialogue: return "dialogue";
  }
  return "?";
}

Part part_named(std::string_view text) {
  for (const Part part : all_parts)
    if (name(part) == text) return part;
  throw Error(ErrorKind::usage,
              fmt::format("unknown analysis '{}' (choose from shots, palette, framing, dialogue)", text));
}

namespace {

bool wants(const FilmReportOptions& options, Part part) {
  return std::find(options.parts.begin(), options.parts.end(), part) != options.parts.end();
}

// The film's length: the end of its last picture, or of its sound when it has no picture.
double runtime_of(const analyzers::FrameCount& count) {
  if (count.video_frames > 0) return count.end_time;
  return static_cast<double>(count.audio_samples) / media::analysis_sample_rate;
}

}  // namespace

FilmReport analyse_film(const std::filesystem::path& input, const FilmReportOptions& options) {
  // Shots, palette and framing are all per shot: the shot detector serves all three.
  const bool per_shot = wants(options, Part::shots) || wants(options, Part::palette) ||
                        wants(options, Part::framing);
  // Sound is decoded only when something listens, or to time a film that has no picture.
  analyzers::FrameCounter counter(wants(options, Part::dialogue) || options.parts.empty());
  std::unique_ptr<analyzers::ShotDetector> shot_detector;
  std::unique_ptr<analyzers::ColourAnalyzer> colour;
  std::unique_ptr<analyzers::FaceAnalyzer> faces;
  std::unique_ptr<analyzers::SpeechDetector> speech;
  std::unique_ptr<analyzers::PictureLevel> picture_level;
  std::vector<pipeline::Analyzer*> analyzers{&counter};
  if (per_shot) {
    shot_detector = std::make_unique<analyzers::ShotDetector>(options.shot_detector);
    analyzers.push_back(shot_detector.get());
  }
  if (wants(options, Part::palette)) {
    colour = std::make_unique<analyzers::ColourAnalyzer>(options.colour);
    analyzers.push_back(colour.get());
  }
  // Faces serve framing, and tell dialogue whether a voice is heard with no face on screen.
  if (wants(options, Part::framing) || wants(options, Part::dialogue)) {
    analyzers::FaceAnalyzerParams params = options.faces;
    params.thresholds = options.framing.scale.thresholds;  // thumbnails pooled by the same classes
    params.require_video = wants(options, Part::framing);  // dialogue also reads audio-only files
    faces = std::make_unique<analyzers::FaceAnalyzer>(
        models::make_face_detector(options.face_detector, options.model_dir), params);
    analyzers.push_back(faces.get());
  }
  if (wants(options, Part::dialogue)) {
    speech = std::make_unique<analyzers::SpeechDetector>(options.speech, options.model_dir);
    picture_level = std::make_unique<analyzers::PictureLevel>(options.picture_level);
    analyzers.push_back(speech.get());
    analyzers.push_back(picture_level.get());
  }

  FilmReport report;
  report.input = input.string();
  report.pass = pipeline::run_pass(input, analyzers, options.pass);
  report.runtime_seconds = runtime_of(counter.result());

  if (wants(options, Part::shots))
    report.parts.push_back({Part::shots, shots_outputs(shot_detector->result(), options.shots)});
  if (colour) {
    PartReport palette{Part::palette, {}};
    add_palette_report(analyzers::summarise(*colour, shot_detector->result().shots), options.palette,
                       palette.outputs);
    report.parts.push_back(std::move(palette));
  }
  if (wants(options, Part::framing))
    report.parts.push_back({Part::framing, framing_outputs(shot_detector->result(), *faces, options.framing)});
  if (speech) {
    const std::vector<metrics::FaceSample> face_samples = faces->face_samples();
    report.dialogue = dialogue_data(
        *speech, *picture_level,
        picture_level->has_pictures() ? std::optional(std::span(face_samples)) : std::nullopt);
    report.parts.push_back({Part::dialogue, dialogue_outputs(*report.dialogue, options.dialogue)});
  }

  report.summary.set("input", report.input);
  report.summary.set("runtime", json::Object{{"seconds", report.runtime_seconds},
                                             {"minutes", report.runtime_seconds / 60.0}});
  report.summary.set("decode", decode_health(report.pass.stats));
  for (const PartReport& part : report.parts) report.summary.set(std::string(name(part.part)), part.outputs.summary);
  report.summary.set("metrics", metrics_object(report.summary));
  return report;
}

Outputs film_outputs(const FilmReport& report) {
  Outputs outputs;
  for (const PartReport& part : report.parts) {
    outputs.tables.push_back(part.outputs.main);
    outputs.tables.insert(outputs.tables.end(), part.outputs.tables.begin(), part.outputs.tables.end());
    outputs.pictures.insert(outputs.pictures.end(), part.outputs.pictures.begin(), part.outputs.pictures.end());
  }
  outputs.summary = report.summary;
  return outputs;
}

}  // namespace herlens::report
