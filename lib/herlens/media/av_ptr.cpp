#include "herlens/media/av_ptr.hpp"

#include <fmt/format.h>

#include "herlens/error.hpp"

namespace herlens::media {

FramePtr make_frame() {
  FramePtr frame(av_frame_alloc());
  if (!frame) throw Error(ErrorKind::internal, "out of memory allocating a frame");
  return frame;
}

PacketPtr make_packet() {
  PacketPtr packet(av_packet_alloc());
  if (!packet) throw Error(ErrorKind::internal, "out of memory allocating a packet");
  return packet;
}

std::string av_error_text(int code) {
  char text[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(code, text, sizeof text);
  return text;
}

int check_av(int code, std::string_view what) {
  if (code < 0) throw Error(ErrorKind::media, fmt::format("{}: {}", what, av_error_text(code)));
  return code;
}

}  // namespace herlens::media
