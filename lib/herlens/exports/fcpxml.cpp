#include "herlens/exports/fcpxml.hpp"

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "herlens/exports/xml.hpp"
#include "herlens/metrics/shot_stats.hpp"

namespace herlens::exports {

namespace {

// FCPXML times are rational seconds on the frame grid: `frames` frames as "N/Ds", whole as "Ns".
std::string seconds_of(int64_t frames, report::FrameRate rate) {
  const int64_t num = frames * rate.den, den = rate.num;
  if (num == 0) return "0s";
  const int64_t common = std::gcd(num, den);
  return den / common == 1 ? fmt::format("{}s", num / common) : fmt::format("{}/{}s", num / common, den / common);
}

// Scale and colour families, as a keyword list FCP makes keyword collections of.
std::string keywords(const ExportShot& shot) {
  if (shot.shot.blank) return "blank";
  std::vector<std::string> words;
  if (shot.framing) words.emplace_back(scale_label(shot.framing->scale));
  if (shot.colours)
    for (const metrics::Family family : families_shown(*shot.colours)) words.emplace_back(metrics::name(family));
  std::string text;
  for (const std::string& word : words) text += (text.empty() ? "" : ", ") + word;
  return text;
}

}  // namespace

std::string fcpxml(const Film& film) {
  const report::FrameRate rate = *film.rate;
  const auto time = [rate](int64_t frames) { return seconds_of(frames, rate); };
  const auto at = [rate](double seconds) { return report::frame_at(seconds, rate); };
  const char* tc_format = rate.drop_frame() ? "DF" : "NDF";
  const auto& shots = *film.shots;
  const auto& picture = film.timeline.picture;
  const int64_t sequence_end = shots.empty() ? 0 : at(shots.back().shot.end_time);

  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE fcpxml>\n<fcpxml version=\"1.9\">\n";
  x += "  <resources>\n";
  x += fmt::format("    <format id=\"r1\" frameDuration=\"{}\" width=\"{}\" height=\"{}\"/>\n", time(1),
                   picture ? picture->width : 0, picture ? picture->height : 0);
  x += fmt::format("    <asset id=\"r2\" name=\"{}\" start=\"0s\" duration=\"{}\" hasVideo=\"1\" hasAudio=\"{}\" "
                   "format=\"r1\">\n      <media-rep kind=\"original-media\" src=\"{}\"/>\n    </asset>\n",
                   xml_escape(film.name), time(at(film.timeline.runtime)), film.timeline.has_audio ? 1 : 0,
                   xml_escape(media_url(film.path)));
  x += "  </resources>\n  <library>\n    <event name=\"herlens\">\n";
  x += fmt::format("      <project name=\"{} shots\">\n", xml_escape(film.name));
  x += fmt::format("        <sequence format=\"r1\" duration=\"{}\" tcStart=\"0s\" tcFormat=\"{}\">\n          <spine>\n",
                   time(sequence_end), tc_format);
  // The spine's time is the film's: what comes before the first picture is a gap.
  const int64_t first = shots.empty() ? 0 : at(shots.front().shot.start_time);
  if (first > 0)
    x += fmt::format("            <gap name=\"before the first picture\" offset=\"0s\" duration=\"{}\"/>\n", time(first));
  for (size_t k = 0; k < shots.size(); ++k) {
    const ExportShot& shot = shots[k];
    const int64_t start = at(shot.shot.start_time), end = at(shot.shot.end_time);
    // A clip's start is a time in the film, so its markers are at film times too.
    x += fmt::format("            <asset-clip ref=\"r2\" name=\"shot {}\" offset=\"{}\" start=\"{}\" duration=\"{}\" "
                     "tcFormat=\"{}\">\n",
                     k + 1, time(start), time(start), time(end - start), tc_format);
    x += fmt::format("              <note>{}</note>\n", xml_escape(describe(shot, k + 1)));
    if (metrics::long_take(shot.shot))
      x += fmt::format("              <marker start=\"{}\" duration=\"{}\" value=\"long take\"/>\n", time(start),
                       time(end - start));
    // A marker belongs to the clip it starts in, and ends with it at the latest.
    if (film.speech)
      for (const report::SavedSpeech& speech : *film.speech) {
        const int64_t from = at(speech.segment.start), to = std::min(end, at(speech.segment.end));
        if (speech.on_screen && metrics::voice_only(*speech.on_screen) && from >= start && from < end)
          x += fmt::format("              <marker start=\"{}\" duration=\"{}\" value=\"{}\"/>\n", time(from),
                           time(std::max<int64_t>(1, to - from)), on_screen_label(speech.on_screen));
      }
    const std::string words = keywords(shot);
    if (!words.empty())
      x += fmt::format("              <keyword start=\"{}\" duration=\"{}\" value=\"{}\"/>\n", time(start),
                       time(end - start), xml_escape(words));
    x += "            </asset-clip>\n";
  }
  x += "          </spine>\n        </sequence>\n      </project>\n    </event>\n  </library>\n</fcpxml>\n";
  return x;
}

}  // namespace herlens::exports
