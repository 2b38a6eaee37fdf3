#include "herlens/exports/edl.hpp"

#include <filesystem>

#include <fmt/format.h>

namespace herlens::exports {

namespace {

// CMX 3600 is plain ASCII in lines: a name with a line end or other control byte would start a
// line of its own.
std::string one_line(std::string_view text) {
  std::string line;
  for (const char c : text) line += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
  return line;
}

}  // namespace

std::string edl(const Film& film) {
  const report::FrameRate rate = *film.rate;
  const std::string clip = one_line(std::filesystem::path(film.input).filename().string());
  std::string text = fmt::format("TITLE: {}\nFCM: {}\n", one_line(film.name), rate.drop_frame() ? "DROP FRAME" : "NON-DROP FRAME");
  size_t number = 1;
  for (const ExportShot& shot : *film.shots) {
    // Source and record are both the film's times: the timeline is the film, cut into its shots.
    const std::string in = report::smpte(report::frame_at(shot.shot.start_time, rate), rate);
    const std::string out = report::smpte(report::frame_at(shot.shot.end_time, rate), rate);
    // Reel AX (an auxiliary source, as file-based media is named), video, a cut.
    text += fmt::format("\n{:03}  {:<8} {:<5} {:<8} {} {} {} {}\n", number, "AX", "V", "C", in, out, in, out);
    text += fmt::format("* FROM CLIP NAME: {}\n* COMMENT: {}\n", clip, one_line(describe(shot, number)));
    ++number;
  }
  return text;
}

}  // namespace herlens::exports
