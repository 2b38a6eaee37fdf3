#include "herlens/media/frame_delivery.hpp"

#include "herlens/media/thread_priority.hpp"

namespace herlens::media {

namespace {

size_t buffer_bytes(const AVFrame& frame) {
  size_t bytes = 0;
  for (const AVBufferRef* buffer : frame.buf)
    if (buffer) bytes += buffer->size;
  return bytes;
}

}  // namespace

FrameDelivery::FrameDelivery(FrameSink& sink, AVRational sar, int analysis_width, size_t max_queued_bytes)
    : sink_(sink),
      sar_(sar),
      analysis_width_(analysis_width),
      max_queued_bytes_(max_queued_bytes),
      thread_([this] { deliver_all(); }) {}

FrameDelivery::~FrameDelivery() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    queue_.clear();
    queued_bytes_ = 0;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void FrameDelivery::push_video(FramePtr picture, int64_t index, double time, double duration) {
  const size_t bytes = buffer_bytes(*picture);
  push({std::move(picture), index, time, duration, {}, bytes});
}

void FrameDelivery::push_audio(std::span<const float> samples, double time) {
  push({nullptr, 0, time, 0, {samples.begin(), samples.end()}, samples.size_bytes()});
}

void FrameDelivery::push(Item item) {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] {
    return queue_.empty() || queued_bytes_ + item.bytes <= max_queued_bytes_ || failure_;
  });
  if (failure_) {
    lock.unlock();
    rethrow_failure();
  }
  queued_bytes_ += item.bytes;
  queue_.push_back(std::move(item));
  changed_.notify_all();
}

void FrameDelivery::finish() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
  rethrow_failure();
}

void FrameDelivery::rethrow_failure() {
  std::exception_ptr failure;
  {
    std::lock_guard lock(mutex_);
    failure = failure_;
  }
  if (failure) std::rethrow_exception(failure);
}

void FrameDelivery::deliver_all() {
  run_below_decoding();
  for (;;) {
    Item item;
    {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return !queue_.empty() || closed_; });
      if (queue_.empty()) return;  // closed and drained
      item = std::move(queue_.front());
      queue_.pop_front();
      queued_bytes_ -= item.bytes;
    }
    changed_.notify_all();
    try {
      deliver(item);
    } catch (...) {
      std::lock_guard lock(mutex_);
      failure_ = std::current_exception();
      queue_.clear();
      queued_bytes_ = 0;
      changed_.notify_all();
      return;
    }
  }
}

void FrameDelivery::deliver(Item& item) {
  if (!item.picture) {
    sink_.on_audio({item.time, item.samples});
    return;
  }
  frame_.index = item.index;
  frame_.time = item.time;
  frame_.duration = item.duration;
  if (analysis_width_ > 0) scaler_.convert(*item.picture, sar_, analysis_width_, frame_.picture);
  const int detail_width = sink_.detail_width(item.index, item.time);
  if (detail_width > 0) detail_scaler_.convert(*item.picture, sar_, detail_width, frame_.detail);
  else frame_.detail.release();
  item.picture.reset();  // back to the decoder's pool before analysis runs
  sink_.on_video(frame_);
}

}  // namespace herlens::media
