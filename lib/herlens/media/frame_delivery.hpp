#pragma once
// Hands decoded pictures and audio to a FrameSink on a thread of its own, so the decoder never
// waits for picture conversion or analysis. That thread runs below the decoder's priority
// (thread_priority.hpp); items wait in a queue bounded in bytes, deep enough to carry analysis
// over bursts (a face search) while decoding goes on, and are delivered one at a time, in decode
// order, so results do not depend on timing.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "herlens/media/av_ptr.hpp"
#include "herlens/media/picture_scaler.hpp"
#include "herlens/media/source.hpp"

namespace herlens::media {

class FrameDelivery {
 public:
  // `sar`: the stream's pixel aspect ratio; `analysis_width` 0: frames are delivered with no
  // picture (nobody looks at it); `max_queued_bytes`: what waiting items may hold (a waiting
  // picture holds its full-size decoded buffers); one item may always wait, whatever its size.
  FrameDelivery(FrameSink& sink, AVRational sar, int analysis_width, size_t max_queued_bytes = default_queue_bytes);
  static constexpr size_t default_queue_bytes = size_t(48) << 20;  // fifteen 1080p 4:2:0 pictures
  ~FrameDelivery();  // stops the thread; anything still queued is dropped
  FrameDelivery(const FrameDelivery&) = delete;
  FrameDelivery& operator=(const FrameDelivery&) = delete;

  // Queue a decoded picture (taken over) or a copy of audio samples. Block while the queue is
  // full; rethrow what the sink threw, if it did.
  void push_video(FramePtr picture, int64_t index, double time, double duration);
  void push_audio(std::span<const float> samples, double time);
  // Waits until everything queued is delivered; rethrows what the sink threw.
  void finish();

 private:
  struct Item {
    FramePtr picture;  // null for audio
    int64_t index = 0;
    double time = 0;
    double duration = 0;
    std::vector<float> samples;
    size_t bytes = 0;  // memory held while queued
  };

  void push(Item item);
  void deliver_all();
  void deliver(Item& item);
  void rethrow_failure();

  FrameSink& sink_;
  AVRational sar_;
  int analysis_width_;
  size_t max_queued_bytes_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Item> queue_;
  size_t queued_bytes_ = 0;
  bool closed_ = false;     // no more items will come
  std::exception_ptr failure_;

  // Used only on the delivery thread.
  PictureScaler scaler_, detail_scaler_;
  VideoFrame frame_;

  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace herlens::media
