#pragma once
// The whole film in one decode pass: the analyzers every requested part needs run together, their
// observations are joined by time (per shot, per speech segment), and each part's tables, pictures
// and summary are assembled. `herlens report` writes it all; `herlens check` reads its metrics.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herlens/analyzers/colour_analyzer.hpp"
#include "herlens/analyzers/face_analyzer.hpp"
#include "herlens/analyzers/picture_level.hpp"
#include "herlens/analyzers/shot_detector.hpp"
#include "herlens/analyzers/speech_detector.hpp"
#include "herlens/report/dialogue_report.hpp"
#include "herlens/report/framing_report.hpp"
#include "herlens/pipeline/pipeline.hpp"
#include "herlens/report/outputs.hpp"
#include "herlens/report/palette_report.hpp"
#include "herlens/report/shots_report.hpp"

namespace herlens::report {

enum class Part { shots, palette, framing, dialogue };
inline constexpr Part all_parts[] = {Part::shots, Part::palette, Part::framing, Part::dialogue};

std::string_view name(Part part);
// Throws Error(usage) naming the unknown part.
Part part_named(std::string_view name);

struct FilmReportOptions {
  std::vector<Part> parts{std::begin(all_parts), std::end(all_parts)};
  pipeline::PassOptions pass;
  analyzers::ShotDetectorParams shot_detector;
  ShotsReportOptions shots;
  analyzers::ColourParams colour;
  PaletteReportParams palette;
  analyzers::FaceAnalyzerParams faces;
  FramingReportOptions framing;
  models::FaceDetectorKind face_detector = models::FaceDetectorKind::blazeface;
  analyzers::SpeechDetectorParams speech;
  analyzers::PictureLevelParams picture_level;
  DialogueReportOptions dialogue;
  std::filesystem::path model_dir;  // trained models (empty: $HERLENS_MODEL_DIR, then models/)
};

struct PartReport {
  Part part;
  Outputs outputs;  // main table, further tables, pictures, the part's own summary
};

struct FilmReport {
  std::string input;
  pipeline::PassResult pass;
  double runtime_seconds = 0;
  std::vector<PartReport> parts;
  std::optional<DialogueData> dialogue;  // what the dialogue part was built from (for --export-wav)
  // input, runtime, decode health, one section per part, and "metrics" (metric_catalog names).
  json::Value summary = json::Object{};
};

FilmReport analyse_film(const std::filesystem::path& input, const FilmReportOptions& options);

// Every part's tables and pictures plus the summary, as one set of files for a folder.
Outputs film_outputs(const FilmReport& report);

}  // namespace herlens::report
