#include "herlens/media/audio_converter.hpp"

#include <cmath>

#include "herlens/error.hpp"
#include "herlens/media/frames.hpp"

namespace herlens::media {

int dialogue_centre_index(const AVChannelLayout& layout) {
  if (layout.nb_channels <= 2) return -1;
  return av_channel_layout_index_from_channel(&layout, AV_CHAN_FRONT_CENTER);
}

AudioConverter::AudioConverter(const AVChannelLayout& layout, AVSampleFormat format,
                               int sample_rate, int centre_index)
    : input_rate_(sample_rate) {
  if (sample_rate <= 0 || layout.nb_channels <= 0)
    throw Error(ErrorKind::media, "audio stream has no valid sample rate or channel count");
  AVChannelLayout mono = AV_CHANNEL_LAYOUT_MONO;
  SwrContext* raw = nullptr;
  // FFmpeg 5.1 declares the layouts non-const but only reads them.
  check_av(swr_alloc_set_opts2(&raw, &mono, AV_SAMPLE_FMT_FLT, analysis_sample_rate,
                               const_cast<AVChannelLayout*>(&layout), format, sample_rate, 0, nullptr),
           "audio converter");
  swr_.reset(raw);
  const int channels = layout.nb_channels;
  std::vector<double> weights(channels, centre_index >= 0 ? 0.0 : 1.0 / channels);
  if (centre_index >= 0) weights.at(centre_index) = 1.0;
  check_av(swr_set_matrix(swr_.get(), weights.data(), channels), "audio channel matrix");
  check_av(swr_init(swr_.get()), "audio converter");
}

std::span<const float> AudioConverter::convert(const uint8_t* const* planes, int samples) {
  const int capacity = swr_get_out_samples(swr_.get(), samples);
  output_.resize(static_cast<size_t>(std::max(capacity, 0)));
  auto* out = reinterpret_cast<uint8_t*>(output_.data());
  const int produced = check_av(
      swr_convert(swr_.get(), &out, capacity, const_cast<const uint8_t**>(planes), samples),
      "audio conversion");
  return {output_.data(), static_cast<size_t>(produced)};
}

std::span<const float> AudioConverter::flush() { return convert(nullptr, 0); }

double AudioConverter::held_seconds() const {
  return static_cast<double>(swr_get_delay(swr_.get(), analysis_sample_rate)) / analysis_sample_rate;
}

void AudioConverter::insert_silence(double seconds) {
  check_av(swr_inject_silence(swr_.get(), static_cast<int>(std::lround(seconds * input_rate_))), "audio silence");
}

void AudioConverter::drop(double seconds) {
  check_av(swr_drop_output(swr_.get(), static_cast<int>(std::lround(seconds * analysis_sample_rate))), "audio overlap");
}

}  // namespace herlens::media
