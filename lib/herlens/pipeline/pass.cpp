#include "herlens/pipeline/pass.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <vector>

#include <malloc.h>

#include <fmt/format.h>

#include "herlens/concurrency/cores.hpp"
#include "herlens/concurrency/worker_queue.hpp"
#include "herlens/error.hpp"
#include "herlens/pipeline/progress.hpp"

namespace herlens::pipeline {

namespace {

// What some analyzers want between them.
Needs combined_needs(std::span<Analyzer* const> analyzers) {
  Needs all{.video = false, .audio = false, .picture = false};
  for (const Analyzer* analyzer : analyzers) {
    const Needs needs = analyzer->needs();
    all.video |= needs.video;
    all.audio |= needs.audio;
    all.picture |= needs.video && needs.picture;
    if (needs.video) all.pixel_grid_width = std::max(all.pixel_grid_width, needs.pixel_grid_width);
  }
  return all;
}

// Parallel analyzers on a thread of their own: every picture and audio block they want, in pass
// order, the pictures copied (the delivery thread reuses its buffers for the next frame).
class Lane {
 public:
  explicit Lane(std::vector<Analyzer*> analyzers)
      : analyzers_(std::move(analyzers)),
        wants_(combined_needs(analyzers_)),
        queue_([this](Item& item) { process(item); }, queue_items) {}

  void push_video(const media::VideoFrame& frame) {
    if (!wants_.video) return;
    Item item{.video = true, .frame = frame, .time = 0, .samples = {}};
    // Copies of what the lane looks at; nothing else is kept from the delivery thread's buffers.
    item.frame.picture = wants_.picture ? frame.picture.clone() : cv::Mat();
    item.frame.pixels = wants_.pixel_grid_width > 0 ? frame.pixels.clone() : cv::Mat();
    item.frame.detail.release();  // parallel analyzers ask for none
    queue_.push(std::move(item));
  }
  void push_audio(const media::AudioBlock& block) {
    if (wants_.audio)
      queue_.push({.video = false, .frame = {}, .time = block.time,
                   .samples = {block.samples.begin(), block.samples.end()}});
  }
  // Waits for what is queued; rethrows what an analyzer threw.
  void finish() { queue_.finish(); }

 private:
  // Enough to carry a lane over another's slower frame; a copied 320-px picture is about 200 KB.
  static constexpr size_t queue_items = 16;
  struct Item {
    bool video = false;
    media::VideoFrame frame;
    double time = 0;             // audio
    std::vector<float> samples;  // audio
  };

  void process(Item& item) {
    for (Analyzer* analyzer : analyzers_) {
      if (item.video) analyzer->on_video(item.frame);
      else analyzer->on_audio({item.time, item.samples});
    }
  }

  std::vector<Analyzer*> analyzers_;
  Needs wants_;
  concurrency::WorkerQueue<Item> queue_;  // last: its worker uses everything above
};

// Fans the source's frames out to the analyzers that asked for them: parallel ones to their lanes
// (`lane_threads` of them at most, none for 0), the others here, on the delivery thread.
class FanOut final : public media::FrameSink {
 public:
  FanOut(std::span<Analyzer* const> analyzers, int lane_threads, Progress& progress) : progress_(progress) {
    std::vector<Analyzer*> apart;
    for (Analyzer* analyzer : analyzers)
      (lane_threads > 0 && analyzer->needs().parallel ? apart : here_).push_back(analyzer);
    std::vector<std::vector<Analyzer*>> groups(std::min(apart.size(), size_t(lane_threads)));
    for (size_t i = 0; i < apart.size(); ++i) groups[i % groups.size()].push_back(apart[i]);
    for (std::vector<Analyzer*>& group : groups) lanes_.push_back(std::make_unique<Lane>(std::move(group)));
  }

  int detail_width(int64_t index, double time) override {
    int widest = 0;
    for (Analyzer* analyzer : here_) widest = std::max(widest, analyzer->detail_width(index, time));
    return widest;
  }

  void on_video(const media::VideoFrame& frame) override {
    for (const auto& lane : lanes_) lane->push_video(frame);
    for (Analyzer* analyzer : here_) analyzer->on_video(frame);
    progress_.update(frame.time, frame.index + 1);
  }

  void on_audio(const media::AudioBlock& block) override {
    for (const auto& lane : lanes_) lane->push_audio(block);
    for (Analyzer* analyzer : here_) analyzer->on_audio(block);
  }

  void finish() {
    for (const auto& lane : lanes_) lane->finish();
  }

 private:
  Progress& progress_;
  std::vector<Analyzer*> here_;
  std::vector<std::unique_ptr<Lane>> lanes_;
};

// A pass allocates and frees pictures of a megabyte or more on several threads (detail pictures for
// the face models, their larger feature maps). glibc keeps such blocks in its heaps once the first
// is freed, where over a long film they fragment them: a 10-minute film peaked 9% above its 56-s
// clip. Blocks from 1 MB are mapped apart instead, so that freeing one returns its pages; the trim
// threshold is raised with it, as fixing the mapping threshold alone also fixes the heaps' trim
// threshold at 128 KB, and returning and refaulting the heaps' tops cost about 8% more CPU.
void keep_large_blocks_out_of_heaps() {
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

// Threads for lanes: what analysis_threads asks beyond the delivery thread; automatically one per
// parallel analyzer, unless the pass has one core, where threads would only take turns.
int lane_threads(const PassOptions& options) {
  if (options.analysis_threads > 0) return options.analysis_threads - 1;
  const int cores = options.threads > 0 ? options.threads : concurrency::usable_cpus();
  return cores > 1 ? std::numeric_limits<int>::max() : 0;
}

}  // namespace

const params::Table<PassOptions>& PassOptions::table() {
  static const params::Table<PassOptions> table{
      "pass",
      {{"analysis_width", "--analysis-width", "Width in pixels of the pictures analysed (never upscaled)",
        &PassOptions::analysis_width, 32, 3840},
       {"threads", "--threads", "Decoder threads (0 = one per core)", &PassOptions::threads, 0, 256},
       {"analysis_threads", "--analysis-threads",
        "Threads for per-frame analysis (1: all on one; 0: one more per analyzer that can run apart, given 2 cores)",
        &PassOptions::analysis_threads, 0, 64}}};
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
  keep_large_blocks_out_of_heaps();
  const Needs needs = combined_needs(analyzers);
  const media::StreamSelection streams{.video = needs.video,
                                       .audio = needs.audio,
                                       .pictures = needs.picture,
                                       .pixel_grid_width = needs.pixel_grid_width};
  const media::SourceInfo& info = source.info();
  {
    // The part of the film the pass covers: --start to --end, or to the length the headers claim.
    const double end =
        std::isfinite(options.end) && (info.duration <= 0 || options.end < info.duration) ? options.end : info.duration;
    Progress progress(options.progress, options.start, end);
    FanOut fan_out(analyzers, lane_threads(options), progress);
    source.run(fan_out, streams);
    fan_out.finish();
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
