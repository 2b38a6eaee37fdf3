#include "herlens/media/probe.hpp"

#include <cmath>

extern "C" {
#include <libavutil/display.h>
#include <libavutil/pixdesc.h>
}

#include "herlens/media/colour_matrix.hpp"
#include "herlens/media/open_input.hpp"
#include "herlens/media/orientation.hpp"

namespace herlens::media {

namespace {

std::string or_unknown(const char* name) { return name ? name : "unknown"; }

double seconds(int64_t ts, AVRational base) {
  return ts == AV_NOPTS_VALUE ? 0.0 : static_cast<double>(ts) * av_q2d(base);
}

std::string tag(const AVStream* stream, const char* key) {
  const AVDictionaryEntry* entry = av_dict_get(stream->metadata, key, nullptr, 0);
  return entry ? entry->value : "";
}

double rotation_of(const AVStream* stream) {
  const int32_t* matrix = display_matrix(*stream);
  if (!matrix) return 0;
  const double rotation = -av_display_rotation_get(matrix);
  if (std::isnan(rotation)) return 0;
  return std::fmod(rotation + 360.0, 360.0);
}

VideoStreamInfo describe_video(const AVFormatContext* context, AVStream* stream) {
  const AVCodecParameters* par = stream->codecpar;
  VideoStreamInfo v;
  v.index = stream->index;
  v.codec = or_unknown(avcodec_get_name(par->codec_id));
  v.profile = or_unknown(avcodec_profile_name(par->codec_id, par->profile));
  v.pixel_format = or_unknown(av_get_pix_fmt_name(static_cast<AVPixelFormat>(par->format)));
  v.width = par->width;
  v.height = par->height;
  const AVRational sar = av_guess_sample_aspect_ratio(const_cast<AVFormatContext*>(context), stream, nullptr);
  if (sar.num > 0 && sar.den > 0) v.sample_aspect = {sar.num, sar.den};
  if (v.width > 0 && v.height > 0) {
    AVRational dar;
    av_reduce(&dar.num, &dar.den, int64_t{v.width} * v.sample_aspect.num,
              int64_t{v.height} * v.sample_aspect.den, 1 << 20);
    v.display_aspect = {dar.num, dar.den};
  }
  v.average_fps = av_q2d(stream->avg_frame_rate);
  v.nominal_fps = av_q2d(stream->r_frame_rate);
  if (stream->nb_frames > 0) v.frame_count = stream->nb_frames;
  v.color_matrix = or_unknown(av_color_space_name(par->color_space));
  v.color_range = or_unknown(av_color_range_name(par->color_range));
  v.color_primaries = or_unknown(av_color_primaries_name(par->color_primaries));
  v.color_transfer = or_unknown(av_color_transfer_name(par->color_trc));
  v.matrix_used = or_unknown(av_color_space_name(effective_matrix(par->color_space, par->width, par->height)));
  v.hdr = par->color_trc == AVCOL_TRC_SMPTE2084 || par->color_trc == AVCOL_TRC_ARIB_STD_B67;
  v.rotation_degrees = rotation_of(stream);
  v.start_time = seconds(stream->start_time, stream->time_base);
  v.duration = seconds(stream->duration, stream->time_base);
  v.bit_rate = par->bit_rate;
  v.attached_picture = stream->disposition & AV_DISPOSITION_ATTACHED_PIC;
  return v;
}

AudioStreamInfo describe_audio(AVStream* stream) {
  const AVCodecParameters* par = stream->codecpar;
  AudioStreamInfo a;
  a.index = stream->index;
  a.codec = or_unknown(avcodec_get_name(par->codec_id));
  a.channels = par->ch_layout.nb_channels;
  char layout[128] = {};
  if (av_channel_layout_describe(&par->ch_layout, layout, sizeof layout) > 0) a.channel_layout = layout;
  a.has_centre = a.channels > 2 &&
                 av_channel_layout_index_from_channel(&par->ch_layout, AV_CHAN_FRONT_CENTER) >= 0;
  a.sample_rate = par->sample_rate;
  a.language = tag(stream, "language");
  a.duration = seconds(stream->duration, stream->time_base);
  a.bit_rate = par->bit_rate;
  return a;
}

}  // namespace

MediaInfo probe(const std::filesystem::path& path) {
  const FormatContextPtr context = open_input(path);
  MediaInfo info;
  info.path = path.string();
  info.container = or_unknown(context->iformat->name);
  info.container_long = or_unknown(context->iformat->long_name);
  info.duration = context->duration == AV_NOPTS_VALUE ? 0.0 : context->duration / double(AV_TIME_BASE);
  info.bit_rate = context->bit_rate;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  info.size_bytes = ec ? 0 : static_cast<int64_t>(size);
  for (unsigned i = 0; i < context->nb_streams; ++i) {
    AVStream* stream = context->streams[i];
    switch (stream->codecpar->codec_type) {
      case AVMEDIA_TYPE_VIDEO: info.video.push_back(describe_video(context.get(), stream)); break;
      case AVMEDIA_TYPE_AUDIO: info.audio.push_back(describe_audio(stream)); break;
      case AVMEDIA_TYPE_SUBTITLE:
        info.subtitles.push_back({stream->index, or_unknown(avcodec_get_name(stream->codecpar->codec_id)),
                                  tag(stream, "language"), tag(stream, "title")});
        break;
      default: break;
    }
  }
  return info;
}

}  // namespace herlens::media
