#pragma once
// The dialogue section of a film's summary (docs/dialogue.md): speech segments joined by time with
// what the picture shows while they are heard (voice_only.hpp), totals and per-window rates.
#include <optional>
#include <span>
#include <vector>

#include "herlens/metrics/faces.hpp"
#include "herlens/metrics/mouth_activity.hpp"
#include "herlens/metrics/shot.hpp"
#include "herlens/metrics/speech_segments.hpp"
#include "herlens/metrics/voice_only.hpp"
#include "herlens/params/parameter.hpp"

namespace herlens::metrics {

struct DialogueParams {
  double window_minutes = 5;  // dialogue-rate window, minutes
  MouthActivityParams mouths;  // when a face on screen speaks
  static const params::Table<DialogueParams>& table();
  void validate() const;  // throws Error(usage) naming the bad value
};

struct DialogueSection {
  std::vector<SpeechSegment> segments;     // sorted, seconds
  double runtime = 0;                      // seconds: picture end, or audio end without video
  std::optional<PictureTimeline> picture;  // absent when the input has no video
  std::vector<StateSeconds> on_screen;     // per segment, what the picture showed (with a picture)
  // Per segment, the number (from 1, as in the shot table) of the shot holding its middle; empty
  // when shots were not found in the pass.
  std::vector<int64_t> shots;
  StateSeconds split;                      // the same summed over every segment
  std::vector<TimeInterval> voice_only;    // the parts heard as voice-only (with a picture)
  std::vector<SpeechPiece> pieces;         // the segments cut by picture state (with a picture)
  std::vector<FaceSample> mouth_samples;   // the face samples whose mouths were measured
  // Pictures of listeners while a voice speaks (listener_moments()), by time; set by the caller,
  // who has the face analyzer's thumbnails.
  std::vector<FaceThumbnail> listener_pictures;
  double dialogue_seconds = 0;
  double dialogue_share = 0;               // dialogue_seconds / runtime
  // Voice-only seconds / dialogue_seconds (with a picture): over black, no face, or a listener.
  double voice_only_share = 0;
  // The same with no face on screen only (over black or no face): voice-only as it was measured
  // before speakers were told from listeners, kept so that figures stay comparable.
  double faceless_share = 0;
  int64_t mouth_measurements = 0;          // FaceMesh runs made for it (mouths and carried-face looks)
  double longest_voice_only_seconds = 0;
  double window_minutes = 0;
  std::vector<DialogueWindow> windows;     // voice_only_seconds set only with a picture
};

// `picture`: what the picture-level analyzer saw (nothing without a picture); `faces`: the face
// analyzer's samples, or none when faces were not looked for. Throws Error(usage) for bad
// parameters.
// `shots`, when found in the pass, give each segment its shot.
// The thumbnails (of face samples, by time) that show a listener while a voice speaks: the sample
// they were taken at holds, until the next sample in `faces`, over a piece of speech heard as
// `listener` in `pieces` (a face seen listening before a line it then speaks is not one).
std::vector<FaceThumbnail> listener_moments(std::span<const FaceThumbnail> thumbnails,
                                            std::span<const FaceSample> faces, std::span<const SpeechPiece> pieces);

DialogueSection summarise_dialogue(SpeechObservations speech, const std::optional<PictureLevels>& picture,
                                   std::optional<std::span<const FaceSample>> faces, const DialogueParams& params,
                                   std::optional<std::span<const Shot>> shots = std::nullopt);

}  // namespace herlens::metrics
