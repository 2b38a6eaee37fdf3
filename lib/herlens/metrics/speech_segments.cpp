#include "herlens/metrics/speech_segments.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/models/silero_vad.hpp"

namespace herlens::metrics {

namespace {

using models::SileroVad;

int64_t to_samples(int milliseconds) {
  return int64_t{milliseconds} * SileroVad::sample_rate / 1000;
}

const SpeechSegmentParams& checked(const SpeechSegmentParams& params) {
  params.validate();
  return params;
}

}  // namespace

const params::Table<SpeechSegmentParams>& SpeechSegmentParams::table() {
  using P = SpeechSegmentParams;
  static const params::Table<P> table{
      "speech segments",
      {{"on_threshold", "--on-threshold", "Speech probability at which speech starts", &P::on_threshold, 0.01, 0.99},
       {"off_threshold", "--off-threshold", "Speech probability below which speech may end (at most --on-threshold)",
        &P::off_threshold, 0.01, 0.99},
       {"min_speech_ms", "--min-speech-ms", "Speech no longer than this is dropped", &P::min_speech_ms, 0, 60000},
       {"min_silence_ms", "--min-silence-ms", "Silence that ends a segment; shorter pauses are bridged",
        &P::min_silence_ms, 0, 60000},
       {"speech_pad_ms", "--speech-pad-ms", "Padding added to both ends of each segment", &P::speech_pad_ms, 0,
        60000}}};
  return table;
}

void SpeechSegmentParams::validate() const {
  params::check(*this, table());
  check_range(table().owner, "off_threshold", off_threshold, 0, on_threshold);
}

SpeechSegmenter::SpeechSegmenter(const Params& params, double start_time)
    : params_(checked(params)),
      start_time_(start_time),
      min_speech_samples_(to_samples(params.min_speech_ms)),
      min_silence_samples_(to_samples(params.min_silence_ms)),
      pad_samples_(to_samples(params.speech_pad_ms)) {}

// Silero's decision rules, in its order; positions are in samples as there.
std::optional<SpeechSegment> SpeechSegmenter::push(float probability) {
  const int64_t position = chunks_++ * SileroVad::chunk_samples;
  const bool high = probability >= params_.on_threshold;
  if (high) silence_start_.reset();
  if (high && !in_speech_) {
    in_speech_ = true;
    speech_start_ = position;
    return std::nullopt;
  }
  if (!in_speech_ || probability >= params_.off_threshold) return std::nullopt;

  if (!silence_start_) silence_start_ = position;
  if (position - *silence_start_ < min_silence_samples_) return std::nullopt;
  // The segment ends where the silence began.
  const SampleSpan speech{speech_start_, *silence_start_};
  in_speech_ = false;
  silence_start_.reset();
  if (speech.end - speech.start <= min_speech_samples_) return std::nullopt;
  return close(speech);
}

std::vector<SpeechSegment> SpeechSegmenter::finish() {
  const int64_t audio_end = chunks_ * SileroVad::chunk_samples;
  std::vector<SpeechSegment> segments;
  // Speech still going on at the end runs to the end, whatever dip it was in.
  if (in_speech_ && audio_end - speech_start_ > min_speech_samples_) {
    if (auto segment = close({speech_start_, audio_end})) segments.push_back(*segment);
  }
  if (held_) {
    held_->end = std::min(audio_end, held_->end + pad_samples_);
    segments.push_back(to_seconds(*held_));
  }
  in_speech_ = false;
  held_.reset();
  return segments;
}

// Pads the gap between the held segment and `speech`, releases the held one and holds `speech`.
std::optional<SpeechSegment> SpeechSegmenter::close(SampleSpan speech) {
  if (!held_) {
    speech.start = std::max<int64_t>(0, speech.start - pad_samples_);
    held_ = speech;
    return std::nullopt;
  }
  const int64_t gap = speech.start - held_->end;
  const int64_t widening = gap < 2 * pad_samples_ ? gap / 2 : pad_samples_;
  held_->end += widening;
  const SpeechSegment released = to_seconds(*held_);
  speech.start = std::max<int64_t>(0, speech.start - widening);
  held_ = speech;
  return released;
}

SpeechSegment SpeechSegmenter::to_seconds(const SampleSpan& span) const {
  constexpr double rate = SileroVad::sample_rate;
  return {start_time_ + static_cast<double>(span.start) / rate,
          start_time_ + static_cast<double>(span.end) / rate};
}

}  // namespace herlens::metrics
