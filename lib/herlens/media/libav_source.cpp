#include "herlens/media/libav_source.hpp"

#include <algorithm>
#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/media/audio_converter.hpp"
#include "herlens/media/frame_delivery.hpp"
#include "herlens/media/open_input.hpp"
#include "herlens/media/picture_scaler.hpp"
#include "herlens/media/sound_timeline.hpp"
#include "herlens/media/truncation.hpp"

namespace herlens::media {

namespace {

// One decoded stream: its decoder and the clock that turns its timestamps into seconds on the film
// timeline (metrics.md, "Time"), shared by every stream so that pictures and sound line up.
struct Decoder {
  AVStream* stream = nullptr;
  CodecContextPtr codec;
  int64_t start_pts = 0;      // the stream's start time in its own time base
  double start_offset = 0;    // seconds from the film's start to the stream's
  int64_t errors = 0;                     // damaged packets and frames, as DecodeStats counts them
  int64_t errors_before_last_packet = 0;  // before the packet sent last

  // In floating point: a crafted timestamp minus the start could overflow 64-bit integers.
  double seconds(int64_t pts) const {
    return (static_cast<double>(pts) - static_cast<double>(start_pts)) * av_q2d(stream->time_base) + start_offset;
  }
  // The file was cut inside the stream's last packet (a transport stream cut mid-picture): decoding
  // it, or what the decoder still held at the end, failed.
  bool ends_damaged() const { return errors > errors_before_last_packet; }
};

// The film's start: the container's start time (its earliest stream's), in AV_TIME_BASE units.
int64_t film_start(const AVFormatContext& context) {
  return context.start_time == AV_NOPTS_VALUE ? 0 : context.start_time;
}

// "audio stream #1 (vorbis)", as messages name a stream.
std::string stream_name(const AVStream& stream) {
  return fmt::format("{} stream #{} ({})", av_get_media_type_string(stream.codecpar->codec_type), stream.index,
                     avcodec_get_name(stream.codecpar->codec_id));
}

// Throws Error(media) when the stream cannot be decoded: no decoder, or one that refuses its headers.
Decoder open_decoder(const AVFormatContext& context, AVStream* stream, int threads) {
  const AVCodec* codec = avcodec_find_decoder(stream->codecpar->codec_id);
  if (!codec) throw Error(ErrorKind::media, "this FFmpeg has no decoder for it");
  Decoder decoder;
  decoder.stream = stream;
  decoder.codec.reset(avcodec_alloc_context3(codec));
  if (!decoder.codec) throw Error(ErrorKind::internal, "out of memory allocating a decoder");
  check_av(avcodec_parameters_to_context(decoder.codec.get(), stream->codecpar), "setting up its decoder");
  decoder.codec->pkt_timebase = stream->time_base;
  decoder.codec->thread_count = threads;
  decoder.codec->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
  // Pictures no other picture is predicted from skip the in-loop deblocking filter (H.264, HEVC):
  // 3-11% of the decode's CPU, and no error carries into later pictures. Measured on the benchmark
  // clips, colour-family shares move by at most 0.00005 and shots, scales and speech not at all
  // (docs/benchmarks.md, "Decode less").
  if (stream->codecpar->codec_type == AVMEDIA_TYPE_VIDEO) decoder.codec->skip_loop_filter = AVDISCARD_NONREF;
  decoder.codec->max_pixels = max_picture_pixels;  // a picture larger than its headers said is refused too
  check_av(avcodec_open2(decoder.codec.get(), codec, nullptr), "its decoder refuses its headers");
  decoder.start_pts = stream->start_time == AV_NOPTS_VALUE ? 0 : stream->start_time;
  decoder.start_offset = static_cast<double>(decoder.start_pts) * av_q2d(stream->time_base) -
                         static_cast<double>(film_start(context)) / AV_TIME_BASE;
  return decoder;
}

int best_stream(AVFormatContext* context, AVMediaType type) {
  const int index = av_find_best_stream(context, type, -1, -1, nullptr, 0);
  if (index < 0) return -1;
  // Cover art is a still, not the film's picture.
  if (context->streams[index]->disposition & AV_DISPOSITION_ATTACHED_PIC) return -1;
  return index;
}

class LibavSource final : public Source {
 public:
  LibavSource(const std::filesystem::path& path, const SourceOptions& options)
      : options_(options), context_(open_input(path)) {
    info_.path = path.string();
    info_.duration = context_->duration > 0 ? context_->duration / double(AV_TIME_BASE) : 0.0;
    info_.start_offset = static_cast<double>(film_start(*context_)) / AV_TIME_BASE;
    // Decoders open with the headers, so a stream that cannot be decoded is known before the pass:
    // it is left out, as if absent, and said why (the other streams are still analysed).
    const int video_index = best_stream(context_.get(), AVMEDIA_TYPE_VIDEO);
    const int audio_index = best_stream(context_.get(), AVMEDIA_TYPE_AUDIO);
    if (video_index >= 0) open_video(context_->streams[video_index]);
    if (audio_index >= 0) open_audio(context_->streams[audio_index]);
    info_.has_video = video_.has_value();
    info_.has_audio = audio_.has_value();
  }

  const SourceInfo& info() const override { return info_; }
  const DecodeStats& stats() const override { return stats_; }

  void run(FrameSink& sink, const StreamSelection& streams) override {
    if (!streams.video) video_.reset();
    if (!streams.audio) audio_.reset();
    // Every stream's packets are read (and those not decoded dropped): how far they all reach is
    // what the container's duration claims.
    TruncationCheck truncation(*context_);
    FrameDelivery delivery(sink, shape_, streams.pictures ? options_.analysis_width : 0, streams.pixel_grid_width);
    delivery_ = &delivery;
    if (options_.start > 0) seek_to(options_.start);
    PacketPtr packet = make_packet();
    bool end_of_file = false;
    while (!past_end()) {
      const int read = av_read_frame(context_.get(), packet.get());
      if (read == AVERROR_EOF) {
        end_of_file = true;
        break;
      }
      if (read < 0) {
        // A truncated or unreadable tail: keep what was decoded, say so in the stats.
        stats_.ended_early = true;
        break;
      }
      truncation.on_packet(*packet);
      if (video_ && packet->stream_index == video_->stream->index) decode(*video_, packet.get());
      else if (audio_ && packet->stream_index == audio_->stream->index) decode(*audio_, packet.get());
      av_packet_unref(packet.get());
    }
    if (video_) decode(*video_, nullptr);
    if (audio_) {
      decode(*audio_, nullptr);
      emit_audio(audio_converter_->flush());
    }
    if (context_->pb && context_->pb->error < 0) stats_.ended_early = true;
    if (end_of_file && (truncation.ended_early(options_.start == 0) || (video_ && video_->ends_damaged()) ||
                        (audio_ && audio_->ends_damaged())))
      stats_.ended_early = true;
    delivery.finish();
    delivery_ = nullptr;
  }

 private:
  void describe_video(AVStream* stream) {
    shape_ = {av_guess_sample_aspect_ratio(context_.get(), stream, nullptr), orientation_of(display_matrix(*stream))};
    info_.width = stream->codecpar->width;
    info_.height = stream->codecpar->height;
    info_.frame_rate = {stream->r_frame_rate.num, stream->r_frame_rate.den};
    if (info_.width > 0 && info_.height > 0)
      info_.analysis_size = scaled_size(info_.width, info_.height, shape_, options_.analysis_width);
  }

  void open_video(AVStream* stream) {
    try {
      video_ = open_decoder(*context_, stream, options_.threads);
      describe_video(stream);
    } catch (const Error& e) {
      info_.undecodable_video = UndecodableStream{stream_name(*stream), e.what()};
    }
  }

  void open_audio(AVStream* stream) {
    try {
      Decoder decoder = open_decoder(*context_, stream, 1);
      const AVCodecContext& codec = *decoder.codec;
      const int centre = dialogue_centre_index(codec.ch_layout);
      audio_converter_.emplace(codec.ch_layout, codec.sample_fmt, codec.sample_rate, centre);
      info_.audio_has_centre = centre >= 0;
      audio_ = std::move(decoder);
    } catch (const Error& e) {
      info_.undecodable_audio = UndecodableStream{stream_name(*stream), e.what()};
    }
  }

  // Seeks to the key frame at or before `start`; frames before it are decoded but not delivered.
  // A start beyond every timestamp (--start 1e300) aims no further than 2^62 microseconds, which
  // the conversion to an integer allows; what lies before it is still skipped frame by frame.
  void seek_to(double start) {
    const double target = std::min(static_cast<double>(film_start(*context_)) + start * AV_TIME_BASE, 0x1p62);
    const auto timestamp = static_cast<int64_t>(target);
    check_av(avformat_seek_file(context_.get(), -1, INT64_MIN, timestamp, timestamp, 0), "seeking to --start");
  }

  // Both streams have delivered a frame at or after the end of the requested part.
  bool past_end() const { return (!video_ || video_done_) && (!audio_ || audio_done_); }

  void count_error(Decoder& decoder) {
    ++decoder.errors;
    ++stats_.decode_errors;
  }

  // Sends one packet (nullptr: end of stream) and hands on every frame it yields.
  void decode(Decoder& decoder, const AVPacket* packet) {
    if (packet) {
      decoder.errors_before_last_packet = decoder.errors;
      // The demuxer marks packets it knows are damaged (lost or garbled transport packets, or cut
      // short by the end of the file).
      if (packet->flags & AV_PKT_FLAG_CORRUPT) count_error(decoder);
    }
    const int sent = avcodec_send_packet(decoder.codec.get(), packet);
    if (sent < 0 && sent != AVERROR_EOF) count_error(decoder);
    for (;;) {
      const int received = avcodec_receive_frame(decoder.codec.get(), frame_.get());
      if (received == AVERROR(EAGAIN) || received == AVERROR_EOF) return;
      if (received < 0) {
        count_error(decoder);
        return;
      }
      if (frame_->decode_error_flags || (frame_->flags & AV_FRAME_FLAG_CORRUPT)) count_error(decoder);
      if (decoder.codec->codec_type == AVMEDIA_TYPE_VIDEO) on_video_frame(decoder);
      else on_audio_frame(decoder);
      av_frame_unref(frame_.get());
    }
  }

  // Presentation time in seconds; frames without a timestamp continue from the previous one.
  double frame_time(const Decoder& decoder, double previous_end) const {
    const int64_t pts = frame_->best_effort_timestamp;
    return pts == AV_NOPTS_VALUE ? previous_end : decoder.seconds(pts);
  }

  void on_video_frame(const Decoder& decoder) {
    const double nominal = info_.frame_rate.value() > 0 ? 1.0 / info_.frame_rate.value() : 0.0;
    double time = frame_time(decoder, previous_video_end_);
    double duration = frame_->pkt_duration > 0 ? frame_->pkt_duration * av_q2d(decoder.stream->time_base) : nominal;
    if (!(std::abs(time) <= longest_film_seconds && time + duration <= longest_film_seconds))
      stats_.timestamps_ignored = true;
    if (stats_.timestamps_ignored) {
      // Timed by count from here on; a nominal rate the same timestamps made absurd is no guide.
      constexpr double usual_frame_seconds = 1.0 / 25;
      time = previous_video_end_;
      duration = nominal >= 1.0 / 240 && nominal <= 1 ? nominal : usual_frame_seconds;
    }
    if (time >= options_.end) video_done_ = true;
    if (time < options_.start || video_done_) return;
    previous_video_end_ = time + duration;
    FramePtr picture = make_frame();
    av_frame_move_ref(picture.get(), frame_.get());
    delivery_->push_video(std::move(picture), stats_.video_frames++, time, duration);
  }

  void on_audio_frame(const Decoder& decoder) {
    if (!audio_clock_) {
      audio_clock_ = frame_time(decoder, 0.0);
      if (!(std::abs(*audio_clock_) <= longest_film_seconds)) {
        stats_.timestamps_ignored = true;
        audio_clock_ = 0.0;  // the sound runs from the film's start, by its samples
      }
    } else if (!stats_.timestamps_ignored) {
      keep_on_timeline(decoder);
    }
    emit_audio(audio_converter_->convert(frame_->extended_data, frame_->nb_samples));
  }

  // Where the sound given to the converter so far ends on the film timeline.
  double audio_end() const {
    return *audio_clock_ + static_cast<double>(audio_converted_) / analysis_sample_rate +
           audio_converter_->held_seconds();
  }

  // Holes and overlaps in the sound's timestamps (media/sound_timeline.hpp), before the decoded
  // frame is converted.
  void keep_on_timeline(const Decoder& decoder) {
    const double end = audio_end(), stamped = frame_time(decoder, end);
    const SoundTimelineCorrection correction = correct_sound_timeline(end, stamped);
    if (correction.silence > 0) audio_converter_->insert_silence(correction.silence);
    if (correction.drop > 0) audio_converter_->drop(correction.drop);
    if (correction.restart) *audio_clock_ += stamped - end;
  }

  // Audio time runs on from the first frame's timestamp by sample count, so blocks tile exactly;
  // blocks are trimmed to the requested part.
  void emit_audio(std::span<const float> samples) {
    const double rate = analysis_sample_rate;
    double time = audio_clock_.value_or(0.0) + static_cast<double>(audio_converted_) / rate;
    audio_converted_ += static_cast<int64_t>(samples.size());
    if (time < options_.start) {
      const auto skip = static_cast<size_t>(std::min(static_cast<double>(samples.size()), (options_.start - time) * rate));
      samples = samples.subspan(skip);
      time += static_cast<double>(skip) / rate;
    }
    if (time + static_cast<double>(samples.size()) / rate > options_.end) {
      audio_done_ = true;
      samples = samples.first(static_cast<size_t>(std::max(0.0, (options_.end - time) * rate)));
    }
    if (samples.empty()) return;
    stats_.audio_samples += static_cast<int64_t>(samples.size());
    delivery_->push_audio(samples, time);
  }

  SourceOptions options_;
  FormatContextPtr context_;
  SourceInfo info_;
  DecodeStats stats_;
  std::optional<Decoder> video_, audio_;  // the streams analysed; absent when the file has none that decodes
  DisplayShape shape_;  // how the video stream's pictures are displayed
  std::optional<AudioConverter> audio_converter_;
  std::optional<double> audio_clock_;
  int64_t audio_converted_ = 0;  // samples out of the converter, delivered or not
  bool video_done_ = false, audio_done_ = false;
  FramePtr frame_ = make_frame();
  double previous_video_end_ = 0;  // time the previous picture ends, for pictures without a timestamp
  FrameDelivery* delivery_ = nullptr;  // during run()
};

}  // namespace

std::unique_ptr<Source> open_libav_source(const std::filesystem::path& path,
                                          const SourceOptions& options) {
  return std::make_unique<LibavSource>(path, options);
}

}  // namespace herlens::media
