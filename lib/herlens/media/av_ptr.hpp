#pragma once
// RAII ownership of libav handles and checked libav calls.
// Every handle herlens allocates lives in one of these; there is no manual free path.
#include <memory>
#include <string>
#include <string_view>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

namespace herlens::media {

namespace detail {
struct FormatCloser { void operator()(AVFormatContext* c) const { avformat_close_input(&c); } };
struct CodecFreer { void operator()(AVCodecContext* c) const { avcodec_free_context(&c); } };
struct FrameFreer { void operator()(AVFrame* f) const { av_frame_free(&f); } };
struct PacketFreer { void operator()(AVPacket* p) const { av_packet_free(&p); } };
struct SwsFreer { void operator()(SwsContext* c) const { sws_freeContext(c); } };
struct SwrFreer { void operator()(SwrContext* c) const { swr_free(&c); } };
struct DictFreer { void operator()(AVDictionary* d) const { av_dict_free(&d); } };
}  // namespace detail

using FormatContextPtr = std::unique_ptr<AVFormatContext, detail::FormatCloser>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, detail::CodecFreer>;
using FramePtr = std::unique_ptr<AVFrame, detail::FrameFreer>;
using PacketPtr = std::unique_ptr<AVPacket, detail::PacketFreer>;
using SwsContextPtr = std::unique_ptr<SwsContext, detail::SwsFreer>;
using SwrContextPtr = std::unique_ptr<SwrContext, detail::SwrFreer>;

FramePtr make_frame();
PacketPtr make_packet();

// av_strerror text for a libav return code.
std::string av_error_text(int code);

// Throws Error(kind) "<what>: <av_strerror text>" when `code` < 0; returns `code` otherwise.
int check_av(int code, std::string_view what);

}  // namespace herlens::media
