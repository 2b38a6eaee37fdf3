#include "herlens/media/frame_delivery.hpp"

#include <algorithm>

namespace herlens::media {

namespace {

size_t buffer_bytes(const AVFrame& frame) {
  size_t bytes = 0;
  for (const AVBufferRef* buffer : frame.buf)
    if (buffer) bytes += buffer->size;
  return bytes;
}

}  // namespace

FrameDelivery::FrameDelivery(FrameSink& sink, const DisplayShape& shape, int analysis_width, int pixel_grid_width,
                             size_t max_queued_bytes)
    : sink_(sink),
      shape_(shape),
      analysis_width_(analysis_width),
      pixel_grid_width_(pixel_grid_width),
      min_picture_cost_(max_queued_bytes / max_queued_pictures),
      queue_([this](Item& item) { deliver(item); }, max_queued_bytes, [](const Item& item) { return item.bytes; }) {}

void FrameDelivery::push_video(FramePtr picture, int64_t index, double time, double duration) {
  const size_t bytes = std::max(buffer_bytes(*picture), min_picture_cost_);
  queue_.push({std::move(picture), index, time, duration, {}, bytes});
}

void FrameDelivery::push_audio(std::span<const float> samples, double time) {
  queue_.push({nullptr, 0, time, 0, {samples.begin(), samples.end()}, samples.size_bytes()});
}

void FrameDelivery::deliver(Item& item) {
  if (!item.picture) {
    sink_.on_audio({item.time, item.samples});
    return;
  }
  frame_.index = item.index;
  frame_.time = item.time;
  frame_.duration = item.duration;
  if (analysis_width_ > 0) scaler_.convert(*item.picture, shape_, analysis_width_, frame_.picture);
  const int detail_width = sink_.detail_width(item.index, item.time);
  if (detail_width > 0) detail_scaler_.convert(*item.picture, shape_, detail_width, frame_.detail);
  else frame_.detail.release();
  if (pixel_grid_width_ > 0) grid_.sample(*item.picture, shape_, pixel_grid_width_, item.index, frame_.pixels);
  item.picture.reset();  // back to the decoder's pool before analysis runs
  sink_.on_video(frame_);
}

}  // namespace herlens::media
