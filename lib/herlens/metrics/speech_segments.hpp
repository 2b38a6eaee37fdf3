#pragma once
// Speech segments from the speech detector's per-chunk probabilities (models::SileroVad: one per
// 512 samples at 16 kHz, 32 ms), made the way Silero's get_speech_timestamps makes them with its
// defaults: speech starts at a high probability and may end only below a lower one (hysteresis),
// short silences are bridged, short bursts dropped, and each segment is padded. Its optional
// max_speech_duration split (off by default there) is not done. Streaming: probabilities go in
// one at a time and memory stays flat however long the audio.
#include <cstdint>
#include <optional>
#include <vector>

#include "herlens/params/parameter.hpp"

namespace herlens::metrics {

struct SpeechSegmentParams {
  // Probability at or above which speech starts.
  double on_threshold = 0.5;
  // Probability below which speech may end (Silero's neg_threshold); at most on_threshold.
  double off_threshold = 0.35;
  // Segments no longer than this before padding are dropped.
  int min_speech_ms = 250;
  // Silence that ends a segment; shorter dips are bridged.
  int min_silence_ms = 100;
  // Widens each segment on both sides; where two segments are closer than twice this, each takes
  // half the gap instead.
  int speech_pad_ms = 30;
  static const params::Table<SpeechSegmentParams>& table();
  void validate() const;  // throws Error(usage) naming the bad value
};

struct SpeechSegment {
  double start = 0;  // seconds
  double end = 0;    // seconds, > start
};

// What the speech detector heard in a pass.
struct SpeechObservations {
  std::vector<SpeechSegment> segments;  // sorted, not overlapping, within the audio
  double audio_end = 0;                 // seconds: end of the last audio sample (0 when none)
};

class SpeechSegmenter {
 public:
  using Params = SpeechSegmentParams;

  // `start_time`: seconds at which the first chunk starts. Throws Error(usage) naming the first
  // parameter out of range.
  explicit SpeechSegmenter(const Params& params, double start_time = 0);

  // Takes the probability, in [0, 1], of the next chunk. Returns a segment once it is final,
  // which is when the next one has ended (its padding depends on the gap to it).
  std::optional<SpeechSegment> push(float probability);

  // The audio ended with the last pushed chunk: returns the segments still open or held back
  // (at most two), ending no later than that chunk's end. Call once, after the last push().
  std::vector<SpeechSegment> finish();

 private:
  struct SampleSpan {
    int64_t start, end;  // samples from start_time
  };
  std::optional<SpeechSegment> close(SampleSpan speech);
  SpeechSegment to_seconds(const SampleSpan& span) const;

  Params params_;
  double start_time_;
  int64_t min_speech_samples_, min_silence_samples_, pad_samples_;
  int64_t chunks_ = 0;  // pushed so far
  bool in_speech_ = false;
  int64_t speech_start_ = 0;              // samples, while in_speech_
  std::optional<int64_t> silence_start_;  // samples: first chunk of the current dip in speech
  std::optional<SampleSpan> held_;        // last ended segment, start padded, end not yet
};

}  // namespace herlens::metrics
