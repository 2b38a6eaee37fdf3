#include "herlens/media/sndfile_source.hpp"

#include <sndfile.h>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herlens/error.hpp"
#include "herlens/media/audio_converter.hpp"
#include "herlens/media/truncation.hpp"

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

// Bytes the file's headers claim beyond its end. libsndfile trusts the file over its headers and
// notes every chunk the file is too short for in its log: "<chunk> : <claimed> (should be <found>)".
// A claim of 0xFFFFFFFF is how streaming writers say they did not know the length.
int64_t bytes_missing(SNDFILE* file) {
  std::string log(16384, '\0');
  sf_command(file, SFC_GET_LOG_INFO, log.data(), static_cast<int>(log.size()));
  log.resize(std::strlen(log.c_str()));
  constexpr std::string_view should_be = " (should be ";
  int64_t missing = 0;
  for (size_t at = log.find(should_be); at != std::string::npos; at = log.find(should_be, at + 1)) {
    const size_t colon = log.rfind(": ", at);
    if (colon == std::string::npos) continue;
    const char* claim_end = log.data() + at;
    int64_t claimed = 0, found = 0;
    if (std::from_chars(log.data() + colon + 2, claim_end, claimed).ptr != claim_end ||
        std::from_chars(claim_end + should_be.size(), log.data() + log.size(), found).ec != std::errc())
      continue;
    if (claimed != 0xFFFFFFFF) missing = std::max(missing, claimed - found);
  }
  return missing;
}

class SndfileSource final : public Source {
 public:
  SndfileSource(const std::filesystem::path& path, SndfilePtr file, const SF_INFO& format,
                const SourceOptions& options)
      : file_(std::move(file)),
        channels_(format.channels),
        rate_(format.samplerate),
        frames_(format.frames),
        options_(options) {
    info_.path = path.string();
    std::error_code ec;
    const auto file_bytes = std::filesystem::file_size(path, ec);
    // The headers' claim beyond the end of the file, in seconds at the file's own byte rate.
    if (!ec && file_bytes > 0 && frames_ > 0)
      seconds_missing_ = double(bytes_missing(file_.get())) / double(file_bytes) * double(frames_) / rate_;
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
    // Compared before it becomes an integer: --start may name a frame no integer holds (1e300 s).
    const double start_frame = options_.start * rate_;
    if (start_frame >= static_cast<double>(frames_)) return;  // starts past the end
    const auto first = static_cast<sf_count_t>(start_frame);
    if (first > 0 && sf_seek(file_.get(), first, SEEK_SET) < 0) return;
    start_time_ = static_cast<double>(first) / rate_;
    const double wanted = (options_.end - start_time_) * rate_;  // frames, may be infinite
    sf_count_t remaining = wanted < 9e18 ? static_cast<sf_count_t>(wanted) : INT64_MAX;
    sf_count_t reached = first;  // frames into the file
    bool end_of_file = false;
    while (remaining > 0) {
      const sf_count_t read = sf_readf_float(file_.get(), interleaved.data(), std::min(block_frames, remaining));
      remaining -= std::max<sf_count_t>(read, 0);
      if (read <= 0) {
        end_of_file = true;
        break;
      }
      reached += read;
      const auto* planes = reinterpret_cast<const uint8_t*>(interleaved.data());
      emit(sink, converter_->convert(&planes, static_cast<int>(read)));
    }
    // A truncated file: its headers claim more than it holds (WAV, AIFF), or the frames they count
    // (FLAC) could not all be read.
    if (sf_error(file_.get()) != SF_ERR_NO_ERROR ||
        (end_of_file && (seconds_missing_ > truncation_tolerance ||
                         double(frames_ - reached) / rate_ > truncation_tolerance)))
      stats_.ended_early = true;
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
  sf_count_t frames_;           // per channel, as the headers count them (within the file)
  double seconds_missing_ = 0;  // what the headers claim beyond the end of the file
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
  // libsndfile guesses an MP3's length from its size and bit rate unless a Xing header states it,
  // and stops reading there (2 s of a 10 s VBR file): libav reads MP3s to their end.
  if ((format.format & SF_FORMAT_TYPEMASK) == SF_FORMAT_MPEG) return nullptr;
  return std::make_unique<SndfileSource>(path, std::move(file), format, options);
}

}  // namespace herlens::media
