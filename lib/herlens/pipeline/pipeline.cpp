#include "herlens/pipeline/pipeline.hpp"

#include <algorithm>

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

PassResult run_pass(const std::filesystem::path& input, std::span<Analyzer* const> analyzers,
                    const PassOptions& options) {
  Needs wanted{.picture = false};
  for (const Analyzer* analyzer : analyzers) {
    const Needs needs = analyzer->needs();
    wanted.video |= needs.video;
    wanted.audio |= needs.audio;
    wanted.picture |= needs.video && needs.picture;
  }
  media::SourceOptions source_options;
  source_options.video = wanted.video;
  source_options.audio = wanted.audio;
  source_options.pictures = wanted.picture;
  source_options.analysis_width = options.analysis_width;
  source_options.threads = options.threads;
  if (!(options.start >= 0) || !(options.end > options.start))
    throw Error(ErrorKind::usage, fmt::format("--start {} / --end {}: need 0 <= start < end", options.start, options.end));
  source_options.start = options.start;
  source_options.end = options.end;
  const auto source = media::open_source(input, source_options);
  const media::SourceInfo& info = source->info();

  for (const Analyzer* analyzer : analyzers) {
    const Needs needs = analyzer->needs();
    if (needs.video_required && !info.has_video)
      throw Error(ErrorKind::missing_stream,
                  fmt::format("{}: no video stream ({} needs one)", input.string(), analyzer->name()));
    if (needs.audio_required && !info.has_audio)
      throw Error(ErrorKind::missing_stream,
                  fmt::format("{}: no audio stream ({} needs one)", input.string(), analyzer->name()));
  }

  for (Analyzer* analyzer : analyzers) analyzer->start(info);
  {
    Progress progress(options.progress, info.duration);
    FanOut fan_out(analyzers, progress);
    source->run(fan_out);
  }
  // A damaged stream is worth analysing as long as something decoded; nothing at all is an error.
  const media::DecodeStats& stats = source->stats();
  const bool pictures_expected = wanted.video && info.has_video;
  const bool sound_expected = wanted.audio && info.has_audio;
  if (pictures_expected && stats.video_frames == 0)
    throw Error(ErrorKind::decode,
                options.start > 0 ? fmt::format("{}: no picture at or after --start", input.string())
                                  : fmt::format("{}: no picture could be decoded", input.string()));
  if (!pictures_expected && sound_expected && stats.audio_samples == 0)
    throw Error(ErrorKind::decode, fmt::format("{}: no audio could be decoded", input.string()));
  for (Analyzer* analyzer : analyzers) analyzer->finish();
  return {info, stats};
}

}  // namespace herlens::pipeline
