#include "herlens/pipeline/pass.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/pipeline/progress.hpp"

namespace herlens::pipeline {

namespace {

// Fans the source's frames out to the analyzers that asked for them.
class FanOut final : public media::FrameSink {
 public:
  FanOut(std::span<Analyzer* const> analyzers, Progress& progress)
      : analyzers_(analyzers), progress_(progress) {}

  int detail_width(int64_t index, double time) override {
    int widest = 0;
    for (Analyzer* analyzer : analyzers_) widest = std::max(widest, analyzer->detail_width(index, time));
    return widest;
  }

  void on_video(const media::VideoFrame& frame) override {
    for (Analyzer* analyzer : analyzers_) analyzer->on_video(frame);
    progress_.update(frame.time, frame.index + 1);
  }

  void on_audio(const media::AudioBlock& block) override {
    for (Analyzer* analyzer : analyzers_) analyzer->on_audio(block);
  }

 private:
  std::span<Analyzer* const> analyzers_;
  Progress& progress_;
};

}  // namespace

const params::Table<PassOptions>& PassOptions::table() {
  static const params::Table<PassOptions> table{
      "pass",
      {{"analysis_width", "--analysis-width", "Width in pixels of the pictures analysed (never upscaled)",
        &PassOptions::analysis_width, 32, 3840},
       {"threads", "--threads", "Decoder threads (0 = one per core)", &PassOptions::threads, 0, 256}}};
  return table;
}

void PassOptions::validate() const {
  params::check(*this, table());
  if (!(start >= 0) || !(end > start))
    throw Error(ErrorKind::usage, fmt::format("--start {} / --end {}: need 0 <= start < end", start, end));
}

std::unique_ptr<media::Source> open_for_pass(const std::filesystem::path& input, const PassOptions& options) {
  options.validate();
  return media::open_source(input, {.analysis_width = options.analysis_width,
                                    .threads = options.threads,
                                    .start = options.start,
                                    .end = options.end});
}

PassResult run_pass(media::Source& source, std::span<Analyzer* const> analyzers, const PassOptions& options) {
  media::StreamSelection streams{.video = false, .audio = false, .pictures = false};
  for (const Analyzer* analyzer : analyzers) {
    const Needs needs = analyzer->needs();
    streams.video |= needs.video;
    streams.audio |= needs.audio;
    streams.pictures |= needs.video && needs.picture;
    if (needs.video) streams.pixel_grid_width = std::max(streams.pixel_grid_width, needs.pixel_grid_width);
  }
  const media::SourceInfo& info = source.info();
  {
    // The part of the film the pass covers: --start to --end, or to the length the headers claim.
    const double end =
        std::isfinite(options.end) && (info.duration <= 0 || options.end < info.duration) ? options.end : info.duration;
    Progress progress(options.progress, options.start, end);
    FanOut fan_out(analyzers, progress);
    source.run(fan_out, streams);
  }
  // A damaged stream is worth analysing as long as something decoded; nothing at all is an error.
  const media::DecodeStats& stats = source.stats();
  const bool pictures_expected = streams.video && info.has_video;
  const bool sound_expected = streams.audio && info.has_audio;
  if (pictures_expected && stats.video_frames == 0)
    throw Error(ErrorKind::decode, options.start > 0 ? fmt::format("{}: no picture at or after --start", info.path)
                                                     : fmt::format("{}: no picture could be decoded", info.path));
  if (!pictures_expected && sound_expected && stats.audio_samples == 0)
    throw Error(ErrorKind::decode, options.start > 0 ? fmt::format("{}: no audio at or after --start", info.path)
                                                     : fmt::format("{}: no audio could be decoded", info.path));
  for (Analyzer* analyzer : analyzers) analyzer->finish();
  return {info, stats};
}

}  // namespace herlens::pipeline
