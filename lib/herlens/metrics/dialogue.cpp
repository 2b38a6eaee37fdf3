#include "herlens/metrics/dialogue.hpp"

#include <algorithm>
#include <limits>

namespace herlens::metrics {

namespace {

double share(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

}  // namespace

const params::Table<DialogueParams>& DialogueParams::table() {
  static const params::Table<DialogueParams> table{
      "dialogue",
      {{"window_minutes", "--window-minutes", "Length of the dialogue-rate windows in minutes",
        &DialogueParams::window_minutes, 0.01, 600}}};
  return table;
}

void DialogueParams::validate() const {
  params::check(*this, table());
  mouths.validate();
}

std::vector<FaceThumbnail> listener_moments(std::span<const FaceThumbnail> thumbnails,
                                            std::span<const FaceSample> faces, std::span<const SpeechPiece> pieces) {
  std::vector<FaceThumbnail> moments;
  for (const FaceThumbnail& thumbnail : thumbnails) {
    const auto next = std::upper_bound(faces.begin(), faces.end(), thumbnail.time,
                                       [](double t, const FaceSample& s) { return t < s.time; });
    const double until = next == faces.end() ? std::numeric_limits<double>::infinity() : next->time;
    const bool heard = std::any_of(pieces.begin(), pieces.end(), [&](const SpeechPiece& piece) {
      return piece.state == PictureState::listener && piece.end > thumbnail.time && piece.start < until;
    });
    if (heard) moments.push_back(thumbnail);
  }
  return moments;
}

DialogueSection summarise_dialogue(SpeechObservations speech, const std::optional<PictureLevels>& picture,
                                   std::optional<std::span<const FaceSample>> faces, const DialogueParams& params,
                                   std::optional<std::span<const Shot>> shots) {
  params.validate();
  DialogueSection section;
  section.segments = std::move(speech.segments);
  section.runtime = speech.audio_end;
  const std::vector<TimeInterval> speech_intervals = to_intervals(section.segments);
  for (const TimeInterval& i : speech_intervals) section.dialogue_seconds += i.duration();
  if (picture) {
    section.runtime = picture->end;
    // A face seen speaking anywhere in a line speaks through it, within its shot.
    std::vector<TimeInterval> spoken;
    if (faces) spoken = lines_spoken_on_screen(*faces, section.segments, picture->end);
    section.picture = picture_timeline(picture->start, picture->end, picture->black, faces, spoken);
    for (const SpeechSegment& segment : section.segments) {
      section.split += section.on_screen.emplace_back(split_by_picture(segment, *section.picture));
    }
    section.voice_only_share = share(section.split.voice_only(), section.dialogue_seconds);
    section.faceless_share = share(section.split.faceless(), section.dialogue_seconds);
    section.voice_only = voice_only_parts(section.segments, *section.picture);
    section.pieces = speech_pieces(section.segments, *section.picture);
    if (faces)
      for (const FaceSample& sample : *faces)
        if (sample.speaking) section.mouth_samples.push_back(sample);
    for (const TimeInterval& part : section.voice_only)
      section.longest_voice_only_seconds = std::max(section.longest_voice_only_seconds, part.duration());
  }
  if (shots)
    for (const SpeechSegment& segment : section.segments) {
      const double middle = (segment.start + segment.end) / 2;
      const auto after = std::upper_bound(shots->begin(), shots->end(), middle,
                                          [](double t, const Shot& shot) { return t < shot.start_time; });
      section.shots.push_back(after == shots->begin() ? 1 : int64_t(after - shots->begin()));
    }
  section.dialogue_share = share(section.dialogue_seconds, section.runtime);
  section.window_minutes = params.window_minutes;
  std::optional<std::span<const TimeInterval>> voice_only;
  if (picture) voice_only = section.voice_only;
  section.windows = dialogue_per_window(speech_intervals, voice_only, section.runtime, params.window_minutes * 60);
  return section;
}

}  // namespace herlens::metrics
