#include "herlens/pipeline/analyses.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "herlens/analyzers/audio_recorder.hpp"
#include "herlens/analyzers/colour_analyzer.hpp"
#include "herlens/analyzers/face_analyzer.hpp"
#include "herlens/analyzers/frame_count.hpp"
#include "herlens/analyzers/frame_times.hpp"
#include "herlens/analyzers/picture_level.hpp"
#include "herlens/analyzers/shot_detector.hpp"
#include "herlens/analyzers/speech_detector.hpp"
#include "herlens/error.hpp"
#include "herlens/models/posenet.hpp"

namespace herlens::pipeline {

namespace {

using metrics::Analysis;
using metrics::FilmSummary;

const metrics::ShotDetection& shots_seen(const Observations& seen) {
  if (!seen.shot_detection) throw Error(ErrorKind::internal, "an analysis per shot ran without the shot detector");
  return *seen.shot_detection;
}

// Only the shots section keeps the per-frame scores: it takes them.
void join_shots(Observations& seen, const AnalysisOptions& options, FilmSummary& summary) {
  summary.shots = metrics::summarise_shots(shots_seen(seen), std::move(seen.shot_scores),
                                          seen.boundary_pictures, options.shots);
}

void join_palette(Observations& seen, const AnalysisOptions& options, FilmSummary& summary) {
  summary.palette = metrics::summarise_colour(seen.colour.value(), shots_seen(seen).shots, options.colour);
}

void join_framing(Observations& seen, const AnalysisOptions& options, FilmSummary& summary) {
  summary.framing = metrics::frame_film(seen.faces.value(), shots_seen(seen).shots, options.scale);
}

void join_dialogue(Observations& seen, const AnalysisOptions& options, FilmSummary& summary) {
  // Faces tell whether a voice is heard with a face on screen; without a picture nothing is.
  std::vector<metrics::FaceSample> faces;
  if (seen.faces) faces = metrics::face_samples(seen.faces->samples, options.dialogue.mouths);
  // Segments get their shots when shots were found in the same pass (herlens report).
  std::optional<std::span<const metrics::Shot>> shots;
  if (seen.shot_detection) shots = seen.shot_detection->shots;
  summary.dialogue = metrics::summarise_dialogue(seen.speech.value(), seen.picture_levels, faces, options.dialogue,
                                                 shots);
  if (seen.faces) {
    summary.dialogue->mouth_measurements = seen.faces->mouth_measurements;
    if (summary.dialogue->picture)
      summary.dialogue->listener_pictures =
          metrics::listener_moments(seen.faces->listener_thumbnails, faces, summary.dialogue->pieces);
  }
}

// The detector's parameters, followed by `others`; a shot list leaves the detector out (the
// provenance names the list instead).
std::vector<params::Group> per_shot_parameters(const AnalysisOptions& o, std::vector<params::Group> others) {
  if (!o.shot_list) others.insert(others.begin(), params::values(o.shot_boundaries, o.shot_boundaries.table()));
  return others;
}

std::vector<params::Group> shots_parameters(const AnalysisOptions& o) {
  return per_shot_parameters(o, {params::values(o.shots, o.shots.table())});
}

std::vector<params::Group> palette_parameters(const AnalysisOptions& o) {
  return per_shot_parameters(o, {params::values(o.colour, o.colour.table()),
                                 params::values(o.colour.palette, o.colour.palette.table()),
                                 params::values(o.colour.letterbox, o.colour.letterbox.table())});
}

std::vector<params::Group> framing_parameters(const AnalysisOptions& o) {
  return per_shot_parameters(o, {params::values(o.faces, o.faces.table()), params::values(o.scale, o.scale.table()),
                                 params::values(o.scale.thresholds, o.scale.thresholds.table())});
}

std::vector<params::Group> dialogue_parameters(const AnalysisOptions& o) {
  return {params::values(o.speech, o.speech.table()), params::values(o.speech.segments, o.speech.segments.table()),
          params::values(o.picture_level, o.picture_level.table()), params::values(o.faces, o.faces.table()),
          params::values(o.dialogue, o.dialogue.table()),
          params::values(o.dialogue.mouths, o.dialogue.mouths.table())};
}

const std::vector<AnalysisDefinition> registry = {
    {Analysis::shots, Stream::video, {AnalyzerKind::shot_detector}, shots_parameters, join_shots},
    {Analysis::palette, Stream::video, {AnalyzerKind::shot_detector, AnalyzerKind::colour}, palette_parameters,
     join_palette},
    {Analysis::framing, Stream::video, {AnalyzerKind::shot_detector, AnalyzerKind::faces, AnalyzerKind::people},
     framing_parameters, join_framing},
    // Faces and picture level do without a picture: an audio file's speech is simply not joined.
    {Analysis::dialogue, Stream::audio, {AnalyzerKind::speech, AnalyzerKind::picture_level, AnalyzerKind::faces},
     dialogue_parameters, join_dialogue},
};

}  // namespace

std::span<const AnalysisDefinition> analysis_registry() { return registry; }

const AnalysisDefinition& definition_of(Analysis analysis) {
  const auto found = std::find_if(registry.begin(), registry.end(),
                                  [analysis](const AnalysisDefinition& d) { return d.analysis == analysis; });
  if (found == registry.end()) throw Error(ErrorKind::internal, fmt::format("analysis {} is not registered", name(analysis)));
  return *found;
}

struct AnalyzerSet::Members {
  metrics::ShotBoundaryParams shot_boundaries;
  std::optional<metrics::ShotList> shot_list;
  analyzers::FrameCounter counter;
  // Read by the face analyzer, written by the speech detector: both below it, so it outlives them.
  std::optional<analyzers::SpeechGate> speech_gate;
  std::optional<analyzers::ShotDetector> shot_detector;
  std::optional<analyzers::FrameTimes> frame_times;  // instead of the detector, for a shot list
  std::optional<analyzers::ColourAnalyzer> colour;
  std::optional<analyzers::FaceAnalyzer> faces;
  std::optional<analyzers::SpeechDetector> speech;
  std::optional<analyzers::PictureLevel> picture_level;
  std::optional<analyzers::AudioRecorder> recorder;
};

AnalyzerSet::AnalyzerSet(std::span<const AnalyzerKind> kinds, const AnalysisOptions& options, bool count_audio,
                         const std::optional<std::filesystem::path>& record_audio_in)
    : members_(new Members{options.shot_boundaries, options.shot_list, analyzers::FrameCounter(count_audio),
                           {}, {}, {}, {}, {}, {}, {}, {}}) {
  Members& m = *members_;
  const auto wanted = [&kinds](AnalyzerKind kind) { return std::find(kinds.begin(), kinds.end(), kind) != kinds.end(); };
  if (wanted(AnalyzerKind::shot_detector)) {
    if (m.shot_list) m.frame_times.emplace();
    else m.shot_detector.emplace(options.shot_boundaries);
  }
  if (wanted(AnalyzerKind::colour)) m.colour.emplace(options.colour);
  // Mouths are measured only for dialogue, where speech is heard with faces.
  const bool mouths = wanted(AnalyzerKind::faces) && wanted(AnalyzerKind::speech);
  if (mouths) m.speech_gate.emplace(options.faces.speech_reach);
  if (wanted(AnalyzerKind::faces))
    m.faces.emplace(models::make_face_detector(options.face_detector, options.model_dir), options.faces,
                    options.scale,
                    wanted(AnalyzerKind::people) ? std::make_unique<models::PoseNetDetector>(options.model_dir)
                                                 : nullptr,
                    mouths ? std::make_unique<models::FaceMesh>(options.model_dir) : nullptr,
                    mouths ? &*m.speech_gate : nullptr, options.dialogue.mouths);
  if (wanted(AnalyzerKind::speech))
    m.speech.emplace(options.speech, options.model_dir, mouths ? &*m.speech_gate : nullptr);
  if (wanted(AnalyzerKind::picture_level)) m.picture_level.emplace(options.picture_level);
  if (record_audio_in) m.recorder.emplace(*record_audio_in);
}

AnalyzerSet::~AnalyzerSet() = default;

std::vector<Analyzer*> AnalyzerSet::all() const {
  Members& m = *members_;
  std::vector<Analyzer*> all{&m.counter};
  const auto add = [&all](auto& analyzer) {
    if (analyzer) all.push_back(&*analyzer);
  };
  add(m.shot_detector);
  add(m.frame_times);
  add(m.colour);
  add(m.faces);
  add(m.speech);
  add(m.picture_level);
  add(m.recorder);
  return all;
}

Observations AnalyzerSet::take_observations() {
  Members& m = *members_;
  Observations seen;
  seen.timing = m.counter.result();
  if (m.shot_detector) {
    seen.shot_scores = m.shot_detector->take_result();
    seen.boundary_pictures = m.shot_detector->take_pictures();
    seen.shot_detection = metrics::decide_shots(seen.shot_scores, m.shot_boundaries);
  }
  if (m.frame_times)
    seen.shot_detection = metrics::shots_from_list(*m.shot_list, m.frame_times->take_result(), seen.timing.end_time);
  if (m.colour) seen.colour = m.colour->take_result();
  if (m.faces) seen.faces = m.faces->take_result();
  if (m.speech) seen.speech = m.speech->take_result();
  if (m.picture_level) seen.picture_levels = m.picture_level->take_result();
  if (m.recorder) seen.audio.emplace(m.recorder->take_result());
  return seen;
}

}  // namespace herlens::pipeline
