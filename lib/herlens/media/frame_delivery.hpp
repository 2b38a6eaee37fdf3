#pragma once
// Hands decoded pictures and audio to a FrameSink on a worker thread of its own
// (concurrency::WorkerQueue), so the decoder never waits for picture conversion or analysis. Items
// wait in a queue bounded in bytes, deep enough to carry analysis over bursts (a face search) while
// decoding goes on, and are delivered one at a time, in decode order, so results do not depend on
// timing.
#include <cstdint>
#include <span>
#include <vector>

#include "herlens/concurrency/worker_queue.hpp"
#include "herlens/media/av_ptr.hpp"
#include "herlens/media/picture_scaler.hpp"
#include "herlens/media/pixel_grid.hpp"
#include "herlens/media/source.hpp"

namespace herlens::media {

class FrameDelivery {
 public:
  // `shape`: how the stream's pictures are displayed; `analysis_width` 0: frames are delivered with
  // no picture (nobody looks at it); `pixel_grid_width`: columns of VideoFrame::pixels (0: none);
  // `max_queued_bytes`: what waiting items may hold (a waiting picture holds its full-size decoded
  // buffers, and counts as at least a max_queued_pictures-th of it); one item may always wait,
  // whatever its size.
  FrameDelivery(FrameSink& sink, const DisplayShape& shape, int analysis_width, int pixel_grid_width = 0,
                size_t max_queued_bytes = default_queue_bytes);
  // Ten 1080p 4:2:0 pictures: enough to carry the analysis over a body-model look (about 150 ms,
  // four pictures at 24 fps); 16 cost 19 MB more at 1080p, with no measured gain since the shot
  // detector and the colour analysis left the delivery thread for lanes of their own.
  static constexpr size_t default_queue_bytes = size_t(32) << 20;
  // Small pictures wait no more of them than large ones: the decoder's pool keeps every buffer a
  // full queue once needed, so 48 MB of 360p pictures (139) stayed in memory for the rest of a run
  // whenever a loaded machine let the queue fill.
  static constexpr size_t max_queued_pictures = 10;

  // Queue a decoded picture (taken over) or a copy of audio samples. Block while the queue is
  // full; rethrow what the sink threw, if it did.
  void push_video(FramePtr picture, int64_t index, double time, double duration);
  void push_audio(std::span<const float> samples, double time);
  // Waits until everything queued is delivered; rethrows what the sink threw. Without it, the
  // destructor drops what still waits.
  void finish() { queue_.finish(); }

 private:
  struct Item {
    FramePtr picture;  // null for audio
    int64_t index = 0;
    double time = 0;
    double duration = 0;
    std::vector<float> samples;
    size_t bytes = 0;  // memory held while queued
  };

  void deliver(Item& item);

  FrameSink& sink_;
  DisplayShape shape_;
  int analysis_width_;
  int pixel_grid_width_;
  size_t min_picture_cost_;  // bytes a waiting picture counts as, at least

  // Used only on the delivery thread.
  PictureScaler scaler_, detail_scaler_;
  PixelGrid grid_;
  VideoFrame frame_;

  concurrency::WorkerQueue<Item> queue_;  // last: its worker uses everything above
};

}  // namespace herlens::media
