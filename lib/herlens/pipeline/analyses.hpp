#pragma once
// The registry of analyses: one row per analysis, naming the stream it cannot do without, the
// analyzers that observe for it, the parameters it uses and the join that turns their
// observations into its section of the summary. A new analysis is a new row (and its analyzers
// and join); analyse() needs no change.
#include <optional>
#include <span>
#include <vector>

#include "herlens/media/audio_recording.hpp"
#include "herlens/metrics/film_summary.hpp"
#include "herlens/pipeline/analyse.hpp"

namespace herlens::pipeline {

// shot_detector: what gives the shots, the detector or, with a shot list, the frames' times.
// people: the face analyzer also searches its samples for people (framing needs them, voice-only
// dialogue does not: PoseNet costs ten face searches).
enum class AnalyzerKind { shot_detector, colour, faces, people, speech, picture_level };

// What the analyzers of one pass saw, typed; each part present when its analyzer ran.
struct Observations {
  metrics::StreamTiming timing;
  // Decided once (or read from the shot list), for every analysis per shot.
  std::optional<metrics::ShotDetection> shot_detection;
  metrics::ShotScores shot_scores;                        // what the decision read; none from a list
  metrics::CandidatePictures boundary_pictures;           // frames the detector kept to show boundaries
  std::optional<metrics::ColourObservations> colour;
  std::optional<metrics::FaceObservations> faces;
  std::optional<metrics::SpeechObservations> speech;
  std::optional<metrics::PictureLevels> picture_levels;   // absent too when no picture was seen
  std::optional<media::AudioRecording> audio;
};

enum class Stream { video, audio };

struct AnalysisDefinition {
  metrics::Analysis analysis;
  Stream needs;                               // without it the analysis means nothing
  std::vector<AnalyzerKind> analyzers;
  // Its parameters as the provenance records them.
  std::vector<params::Group> (*parameters)(const AnalysisOptions& options);
  // Adds its section to the summary. May move out what no other join reads.
  void (*join)(Observations& seen, const AnalysisOptions& options, metrics::FilmSummary& summary);
};

std::span<const AnalysisDefinition> analysis_registry();
const AnalysisDefinition& definition_of(metrics::Analysis analysis);

// The analyzers one pass runs: a frame counter always, the kinds asked for, and an audio recorder
// when asked. Built before the pass, emptied into Observations after it.
class AnalyzerSet {
 public:
  // `count_audio`: the frame counter also counts sound. Throws Error(model) when a model is missing.
  AnalyzerSet(std::span<const AnalyzerKind> kinds, const AnalysisOptions& options, bool count_audio,
              const std::optional<std::filesystem::path>& record_audio_in);
  ~AnalyzerSet();
  AnalyzerSet(const AnalyzerSet&) = delete;
  AnalyzerSet& operator=(const AnalyzerSet&) = delete;

  std::vector<Analyzer*> all() const;
  Observations take_observations();

 private:
  struct Members;
  std::unique_ptr<Members> members_;
};

}  // namespace herlens::pipeline
