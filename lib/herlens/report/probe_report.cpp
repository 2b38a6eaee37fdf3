#include "herlens/report/probe_report.hpp"

#include <fmt/format.h>

namespace herlens::report {

namespace {

using nlohmann::ordered_json;

std::string ratio_text(const media::Ratio& r) { return fmt::format("{}:{}", r.num, r.den); }

}  // namespace

std::string probe_text(const media::MediaInfo& info, const metrics::FilmSummary* decoded) {
  std::string out = fmt::format("{}\n  container  {} ({})\n  duration   {:.3f} s\n  bit rate   {} kb/s\n",
                                info.path, info.container_long, info.container, info.duration,
                                info.bit_rate / 1000);
  for (const auto& v : info.video) {
    out += fmt::format("  video #{}  {} {} {}x{}  SAR {} DAR {}  {:.3f} fps avg, {:.3f} nominal\n",
                       v.index, v.codec, v.pixel_format, v.width, v.height, ratio_text(v.sample_aspect),
                       ratio_text(v.display_aspect), v.average_fps, v.nominal_fps);
    out += fmt::format("            frames {}  colour {} / {} range / {} primaries / {} transfer{}\n",
                       v.frame_count ? fmt::format("{} (container)", *v.frame_count) : "unknown",
                       v.color_matrix, v.color_range, v.color_primaries, v.color_transfer,
                       v.hdr ? "  HDR" : "");
    out += fmt::format("            analysed with {} matrix{}{}\n", v.matrix_used,
                       v.rotation_degrees != 0 ? fmt::format("  rotation {:.0f} deg", v.rotation_degrees) : "",
                       v.attached_picture ? "  (cover art)" : "");
  }
  for (const auto& a : info.audio)
    out += fmt::format("  audio #{}  {} {} Hz, {} channels ({}){}{}\n", a.index, a.codec, a.sample_rate,
                       a.channels, a.channel_layout, a.has_centre ? ", centre channel" : "",
                       a.language.empty() ? "" : ", " + a.language);
  for (const auto& s : info.subtitles)
    out += fmt::format("  subtitle #{}  {}{}{}\n", s.index, s.codec,
                       s.language.empty() ? "" : " " + s.language, s.title.empty() ? "" : " \"" + s.title + "\"");
  if (decoded) {
    const metrics::StreamTiming& timing = decoded->timing;
    if (timing.video_frames > 0)
      out += fmt::format("  decoded    {} frames, {:.3f} s to {:.3f} s, {} frame rate\n", timing.video_frames,
                         timing.first_time, timing.end_time, timing.variable_frame_rate() ? "variable" : "constant");
    else
      out += fmt::format("  decoded    {:.3f} s of audio\n", timing.audio_seconds());
    out += fmt::format("  damage     {} decode errors{}{}\n", decoded->decode.decode_errors,
                       decoded->decode.ended_early ? ", ended early" : "",
                       decoded->decode.timestamps_ignored ? ", timestamps ignored (they claimed more than 24 h)" : "");
  }
  return out;
}

ordered_json probe_json(const media::MediaInfo& info, const metrics::FilmSummary* decoded) {
  ordered_json video = ordered_json::array(), audio = ordered_json::array(), subtitles = ordered_json::array();
  for (const auto& v : info.video) {
    video.push_back({
        {"index", v.index}, {"codec", v.codec}, {"profile", v.profile},
        {"pixel_format", v.pixel_format}, {"width", v.width}, {"height", v.height},
        {"sample_aspect_ratio", ratio_text(v.sample_aspect)},
        {"display_aspect_ratio", ratio_text(v.display_aspect)},
        {"average_fps", v.average_fps}, {"nominal_fps", v.nominal_fps},
        {"frame_count", v.frame_count ? ordered_json(*v.frame_count) : ordered_json()},
        {"frame_count_source", v.frame_count ? "container" : "unknown"},
        {"color_matrix", v.color_matrix}, {"color_range", v.color_range},
        {"color_primaries", v.color_primaries}, {"color_transfer", v.color_transfer},
        {"matrix_used", v.matrix_used}, {"hdr", v.hdr}, {"rotation_degrees", v.rotation_degrees},
        {"start_time", v.start_time}, {"duration", v.duration}, {"bit_rate", v.bit_rate},
        {"attached_picture", v.attached_picture}});
  }
  for (const auto& a : info.audio) {
    audio.push_back({{"index", a.index}, {"codec", a.codec}, {"channels", a.channels},
                           {"channel_layout", a.channel_layout}, {"has_centre", a.has_centre},
                           {"sample_rate", a.sample_rate}, {"language", a.language},
                           {"duration", a.duration}, {"bit_rate", a.bit_rate}});
  }
  for (const auto& s : info.subtitles)
    subtitles.push_back({{"index", s.index}, {"codec", s.codec}, {"language", s.language},
                               {"title", s.title}});
  ordered_json json{{"path", info.path},
                {"container", info.container},
                {"container_name", info.container_long},
                {"duration", info.duration},
                {"bit_rate", info.bit_rate},
                {"size_bytes", info.size_bytes},
                {"video", video},
                {"audio", audio},
                {"subtitles", subtitles}};
  if (decoded) {
    const metrics::StreamTiming& timing = decoded->timing;
    json["decoded"] = {{"video_frames", timing.video_frames},
                       {"first_time", timing.first_time},
                       {"end_time", timing.end_time},
                       {"variable_frame_rate", timing.variable_frame_rate()},
                       {"audio_seconds", timing.audio_seconds()},
                       {"decode_errors", decoded->decode.decode_errors},
                       {"ended_early", decoded->decode.ended_early},
                       {"timestamps_ignored", decoded->decode.timestamps_ignored}};
  }
  return json;
}

}  // namespace herlens::report
