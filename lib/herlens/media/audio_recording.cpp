#include "herlens/media/audio_recording.hpp"

#include <cmath>

#include "herlens/media/frames.hpp"

namespace herlens::media {

AudioRecording::AudioRecording(const std::filesystem::path& dir) : file_(dir, "the audio to export") {}

int64_t AudioRecording::to_sample(double seconds) { return std::llround(seconds * analysis_sample_rate); }

void AudioRecording::append(double time, std::span<const float> samples) {
  if (samples.empty()) return;
  const int64_t first = to_sample(time);
  if (!runs_.empty() && runs_.back().first_sample + runs_.back().count == first)
    runs_.back().count += int64_t(samples.size());
  else
    runs_.push_back({first, int64_t(samples.size()), written_});
  file_.write(written_ * int64_t(sizeof(float)), std::as_bytes(samples));
  written_ += int64_t(samples.size());
}

void AudioRecording::read_samples(int64_t offset, int64_t count, std::vector<float>& out) const {
  out.resize(size_t(count));
  file_.read(offset * int64_t(sizeof(float)), std::as_writable_bytes(std::span(out)));
}

}  // namespace herlens::media
