#include "herlens/media/sndfile_source.hpp"

#include <sndfile.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "herlens/error.hpp"
#include "herlens/media/audio_converter.hpp"

namespace herlens::media {

namespace {

struct SndfileCloser {
  void operator()(SNDFILE* file) const { sf_close(file); }
};
using SndfilePtr = std::unique_ptr<SNDFILE, SndfileCloser>;

// libsndfile files say where their channels go only sometimes; without a map, use the
// default layout for the channel count (where 5.1 has its centre third, as WAV does).
int centre_channel(SNDFILE* file, const AVChannelLayout& layout, int channels) {
  std::vector<int> map(static_cast<size_t>(channels));
  if (sf_command(file, SFC_GET_CHANNEL_MAP_INFO, map.data(),
                 static_cast<int>(map.size() * sizeof(int))) == SF_TRUE) {
    if (channels <= 2) return -1;
    for (int i = 0; i < channels; ++i)
      if (map[static_cast<size_t>(i)] == SF_CHANNEL_MAP_CENTER) return i;
    return -1;
  }
  return dialogue_centre_index(layout);
}

class SndfileSource final : public Source {
 public:
  SndfileSource(const std::filesystem::path& path, SndfilePtr file, const SF_INFO& format,
                const SourceOptions& options)
      : file_(std::move(file)), channels_(format.channels), rate_(format.samplerate), options_(options) {
    info_.path = path.string();
    info_.has_audio = true;
    info_.duration = format.samplerate > 0 ? static_cast<double>(format.frames) / format.samplerate : 0;
    AVChannelLayout layout;
    av_channel_layout_default(&layout, channels_);
    const int centre = centre_channel(file_.get(), layout, channels_);
    info_.audio_has_centre = centre >= 0;
    converter_.emplace(layout, AV_SAMPLE_FMT_FLT, format.samplerate, centre);
  }

  const SourceInfo& info() const override { return info_; }
  const DecodeStats& stats() const override { return stats_; }

  void run(FrameSink& sink, const StreamSelection& streams) override {
    if (!streams.audio) return;
    constexpr sf_count_t block_frames = 4096;
    std::vector<float> interleaved(static_cast<size_t>(block_frames * channels_));
    const auto first = static_cast<sf_count_t>(options_.start * rate_);
    if (first > 0 && sf_seek(file_.get(), first, SEEK_SET) < 0) return;  // starts past the end
    start_time_ = static_cast<double>(first) / rate_;
    const double wanted = (options_.end - start_time_) * rate_;  // frames, may be infinite
    sf_count_t remaining = wanted < 9e18 ? static_cast<sf_count_t>(wanted) : INT64_MAX;
    while (remaining > 0) {
      const sf_count_t read = sf_readf_float(file_.get(), interleaved.data(), std::min(block_frames, remaining));
      remaining -= std::max<sf_count_t>(read, 0);
      if (read <= 0) break;
      const auto* planes = reinterpret_cast<const uint8_t*>(interleaved.data());
      emit(sink, converter_->convert(&planes, static_cast<int>(read)));
    }
    if (sf_error(file_.get()) != SF_ERR_NO_ERROR) stats_.ended_early = true;
    emit(sink, converter_->flush());
  }

 private:
  void emit(FrameSink& sink, std::span<const float> samples) {
    if (samples.empty()) return;
    const double time = start_time_ + static_cast<double>(stats_.audio_samples) / analysis_sample_rate;
    stats_.audio_samples += static_cast<int64_t>(samples.size());
    sink.on_audio({time, samples});
  }

  SndfilePtr file_;
  int channels_;
  int rate_;
  SourceOptions options_;
  double start_time_ = 0;
  SourceInfo info_;
  DecodeStats stats_;
  std::optional<AudioConverter> converter_;
};

}  // namespace

std::unique_ptr<Source> open_sndfile_source(const std::filesystem::path& path, const SourceOptions& options) {
  SF_INFO format{};
  SndfilePtr file(sf_open(path.c_str(), SFM_READ, &format));
  if (!file || format.channels <= 0 || format.samplerate <= 0) return nullptr;
  return std::make_unique<SndfileSource>(path, std::move(file), format, options);
}

}  // namespace herlens::media
