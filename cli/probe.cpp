// herlens probe FILE: what a media file holds, from its headers (and, with --decode, from a full
// decode pass: exact frame count, variable frame rate, damage).
#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "herlens/analyzers/frame_count.hpp"
#include "herlens/media/probe.hpp"
#include "herlens/report/json.hpp"

namespace herlens::cli {

namespace {

using report::json::Array;
using report::json::Object;
using report::json::Value;

struct ProbeOptions {
  std::string input;
  bool json = false;
  bool decode = false;
  bool quiet = false;
  int threads = 0;
};

std::string ratio_text(const media::Ratio& r) { return fmt::format("{}:{}", r.num, r.den); }

Value probe_json(const media::MediaInfo& info) {
  Array video, audio, subtitles;
  for (const auto& v : info.video) {
    video.push_back(Object{
        {"index", v.index}, {"codec", v.codec}, {"profile", v.profile},
        {"pixel_format", v.pixel_format}, {"width", v.width}, {"height", v.height},
        {"sample_aspect_ratio", ratio_text(v.sample_aspect)},
        {"display_aspect_ratio", ratio_text(v.display_aspect)},
        {"average_fps", v.average_fps}, {"nominal_fps", v.nominal_fps},
        {"frame_count", v.frame_count ? Value(*v.frame_count) : Value()},
        {"frame_count_source", v.frame_count ? "container" : "unknown"},
        {"color_matrix", v.color_matrix}, {"color_range", v.color_range},
        {"color_primaries", v.color_primaries}, {"color_transfer", v.color_transfer},
        {"matrix_used", v.matrix_used}, {"hdr", v.hdr}, {"rotation_degrees", v.rotation_degrees},
        {"start_time", v.start_time}, {"duration", v.duration}, {"bit_rate", v.bit_rate},
        {"attached_picture", v.attached_picture}});
  }
  for (const auto& a : info.audio) {
    audio.push_back(Object{{"index", a.index}, {"codec", a.codec}, {"channels", a.channels},
                           {"channel_layout", a.channel_layout}, {"has_centre", a.has_centre},
                           {"sample_rate", a.sample_rate}, {"language", a.language},
                           {"duration", a.duration}, {"bit_rate", a.bit_rate}});
  }
  for (const auto& s : info.subtitles)
    subtitles.push_back(Object{{"index", s.index}, {"codec", s.codec}, {"language", s.language},
                               {"title", s.title}});
  return Object{{"path", info.path},
                {"container", info.container},
                {"container_name", info.container_long},
                {"duration", info.duration},
                {"bit_rate", info.bit_rate},
                {"size_bytes", info.size_bytes},
                {"video", video},
                {"audio", audio},
                {"subtitles", subtitles}};
}

std::string probe_text(const media::MediaInfo& info) {
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
  return out;
}

void run_probe(const ProbeOptions& options) {
  const media::MediaInfo info = media::probe(options.input);
  Value json = probe_json(info);
  std::string text = probe_text(info);
  if (options.decode) {
    // The picture alone, like `ffmpeg -map 0:v -f null`; the sound when there is no picture.
    analyzers::FrameCounter counter(info.video.empty());
    pipeline::Analyzer* analyzers[] = {&counter};
    pipeline::PassOptions pass_options;
    pass_options.threads = options.threads;
    pass_options.progress = !options.quiet;
    const auto pass = pipeline::run_pass(options.input, analyzers, pass_options);
    const analyzers::FrameCount& count = counter.result();
    const bool vfr = count.variable_frame_rate();
    json.set("decoded", Object{{"video_frames", count.video_frames},
                               {"first_time", count.first_time},
                               {"end_time", count.end_time},
                               {"variable_frame_rate", vfr},
                               {"audio_seconds", double(count.audio_samples) / media::analysis_sample_rate},
                               {"decode_errors", pass.stats.decode_errors},
                               {"ended_early", pass.stats.ended_early}});
    if (count.video_frames > 0)
      text += fmt::format("  decoded    {} frames, {:.3f} s to {:.3f} s, {} frame rate\n",
                          count.video_frames, count.first_time, count.end_time,
                          vfr ? "variable" : "constant");
    if (count.video_frames == 0)
      text += fmt::format("  decoded    {:.3f} s of audio\n", double(count.audio_samples) / media::analysis_sample_rate);
    text += fmt::format("  damage     {} decode errors{}\n", pass.stats.decode_errors,
                        pass.stats.ended_early ? ", ended early" : "");
  }
  print_stdout(options.json ? report::json::dump(json) : text);
}

}  // namespace

void setup_probe(CLI::App& app) {
  auto options = std::make_shared<ProbeOptions>();
  CLI::App* command = app.add_subcommand("probe", "Describe a media file: container, streams, colour, timing");
  command->add_option("FILE", options->input, "Media file")->required();
  command->add_flag("--json", options->json, "JSON for scripts");
  command->add_flag("--decode", options->decode,
                    "Decode the whole picture (or sound, for audio files) to count frames exactly and find damage");
  command->add_flag("-q,--quiet", options->quiet, "No progress line");
  command->add_option("--threads", options->threads, "Decoder threads (0 = one per core)")
      ->check(CLI::Range(0, 256));
  command->callback([options] { run_probe(*options); });
}

}  // namespace herlens::cli
