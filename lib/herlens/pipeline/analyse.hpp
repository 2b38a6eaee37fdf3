#pragma once
// One call runs any set of analyses on a film in one decode pass: the analyzers they need observe
// the pass, the joins turn what they saw into the film's typed summary. Every subcommand of the CLI
// only fills an AnalysisRequest and formats what comes back.
#include <filesystem>
#include <optional>
#include <vector>

#include "herlens/analyzers/face_analyzer.hpp"
#include "herlens/analyzers/picture_level.hpp"
#include "herlens/analyzers/speech_detector.hpp"
#include "herlens/media/audio_recording.hpp"
#include "herlens/metrics/film_summary.hpp"
#include "herlens/metrics/shot_list.hpp"
#include "herlens/models/face_detector.hpp"
#include "herlens/pipeline/pass.hpp"

namespace herlens::pipeline {

// Every analysis's parameters, each struct validated by its own table.
struct AnalysisOptions {
  metrics::ShotBoundaryParams shot_boundaries;
  metrics::ShotsParams shots;
  metrics::ColourParams colour;
  analyzers::FaceAnalyzerParams faces;
  models::FaceDetectorKind face_detector = models::FaceDetectorKind::blazeface;
  metrics::ShotScaleParams scale;
  analyzers::SpeechDetectorParams speech;
  analyzers::PictureLevelParams picture_level;
  metrics::DialogueParams dialogue;
  std::filesystem::path model_dir;  // trained models (empty: $HERLENS_MODEL_DIR, then models/)
  // The shots as a scholar listed them (--shots FILE), read before the pass: every analysis per
  // shot takes them instead of detecting, and the shot detector does not run. None: detect.
  std::optional<metrics::ShotList> shot_list;

  void validate() const;  // throws Error(usage) naming the bad value
};

// What to do when the input lacks the stream an analysis needs (an audio file has no picture).
enum class WhenStreamMissing {
  fail,  // Error(missing_stream): the command was asked for exactly that analysis
  skip,  // leave it out and say so in FilmSummary::skipped (herlens report)
};

struct AnalysisRequest {
  // The analyses to run; none: a decode-only pass that only times frames and counts damage.
  std::vector<metrics::Analysis> analyses;
  PassOptions pass;
  AnalysisOptions options;
  WhenStreamMissing missing_stream = WhenStreamMissing::fail;
  // Keep the pass's analysis audio (for an export), in a temporary file in this folder.
  std::optional<std::filesystem::path> record_audio_in;
};

struct FilmAnalysis {
  metrics::FilmSummary summary;
  std::optional<media::AudioRecording> audio;  // when asked for and the input has sound
};

// Throws Error(usage) for bad options; Error(missing_stream) when an analysis must fail for a
// missing stream or none is left to run (Error(decode) when the stream is there but cannot be
// decoded); what opening, decoding and the models throw.
FilmAnalysis analyse(const std::filesystem::path& input, const AnalysisRequest& request);

}  // namespace herlens::pipeline
