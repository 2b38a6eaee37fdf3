#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

extern "C" {
#include <libavutil/frame.h>
}

#include "herlens/media/frame_delivery.hpp"

using namespace herlens::media;

namespace {

// A 64x48 4:2:0 picture, grey.
FramePtr picture() {
  FramePtr frame = make_frame();
  frame->format = AV_PIX_FMT_YUV420P;
  frame->width = 64;
  frame->height = 48;
  REQUIRE(av_frame_get_buffer(frame.get(), 0) == 0);
  for (int plane = 0; plane < 3; ++plane)
    std::fill_n(frame->data[plane], frame->linesize[plane] * (plane ? 24 : 48), uint8_t(128));
  return frame;
}

size_t picture_bytes() {
  const FramePtr frame = picture();
  size_t bytes = 0;
  for (const AVBufferRef* buffer : frame->buf)
    if (buffer) bytes += buffer->size;
  return bytes;
}

// Records what arrives; optionally holds the delivery thread in on_video until released.
struct RecordingSink final : FrameSink {
  std::vector<int64_t> indices;
  std::mutex mutex;
  std::condition_variable released_changed;
  bool held = false;

  int detail_width(int64_t, double) override { return 0; }
  void on_video(const VideoFrame& frame) override {
    indices.push_back(frame.index);
    std::unique_lock lock(mutex);
    released_changed.wait(lock, [this] { return !held; });
  }
  void on_audio(const AudioBlock&) override {}
  void hold(bool on) {
    {
      std::lock_guard lock(mutex);
      held = on;
    }
    released_changed.notify_all();
  }
};

// Pushes `count` pictures from a decoder thread while `sink` holds the delivery thread; returns
// how many were accepted before they had to wait, then releases the sink and waits for them all.
int accepted_while_held(FrameDelivery& delivery, RecordingSink& sink, int count) {
  sink.hold(true);
  std::atomic<int> pushed = 0;
  std::thread decoder([&] {
    for (int i = 0; i < count; ++i) {
      delivery.push_video(picture(), i, i * 0.04, 0.04);
      ++pushed;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const int accepted = pushed;
  sink.hold(false);
  decoder.join();
  delivery.finish();
  CHECK(pushed == count);
  CHECK(sink.indices.size() == size_t(count));
  return accepted;
}

}  // namespace

TEST_CASE("frame delivery: every picture in order, even when one picture exceeds the byte bound") {
  RecordingSink sink;
  FrameDelivery delivery(sink, {}, 16, 0, /*max_queued_bytes=*/1);
  for (int i = 0; i < 30; ++i) delivery.push_video(picture(), i, i * 0.04, 0.04);
  delivery.finish();
  REQUIRE(sink.indices.size() == 30);
  for (int i = 0; i < 30; ++i) CHECK(sink.indices[i] == i);
}

TEST_CASE("frame delivery: waiting pictures are bounded by their bytes") {
  RecordingSink sink;
  // Room for two waiting pictures, not three; a third one is in the sink's hands.
  FrameDelivery delivery(sink, {}, 0, 0, picture_bytes() * 5 / 2);
  CHECK(accepted_while_held(delivery, sink, 10) == 3);
}

TEST_CASE("frame delivery: however small the pictures, no more than max_queued_pictures wait") {
  RecordingSink sink;
  // Bytes for a hundred of these small pictures, but room for 16 only (and one in the sink's hands).
  FrameDelivery delivery(sink, {}, 0, 0, picture_bytes() * 100);
  CHECK(accepted_while_held(delivery, sink, 40) == int(FrameDelivery::max_queued_pictures) + 1);
}
