#include "herlens/exports/film.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/metrics/colour_summary.hpp"

namespace herlens::exports {

namespace {

// One row per shot, in the shots' order: tables joined with the shots must list the same shots.
template <typename PerShot>
void check_per_shot(const std::vector<PerShot>& rows, size_t shots, std::string_view table) {
  if (rows.size() != shots)
    throw Error(ErrorKind::input,
                fmt::format("{}.csv lists {} shots and shots.csv {}: the report is damaged", table, rows.size(), shots));
}

}  // namespace

Film film_of(const report::SavedReport& report) {
  Film film;
  film.input = report.input();
  film.path = report.input_path();
  film.name = std::filesystem::path(film.input).stem().string();
  if (film.name.empty()) film.name = "film";
  film.timeline = report.timeline();
  if (const auto& picture = film.timeline.picture)
    film.rate = report::timecode_rate(picture->frame_rate, picture->variable_frame_rate, picture->average_fps());
  if (report.has(metrics::Analysis::shots)) {
    if (!film.rate)
      throw Error(ErrorKind::input, "summary.json has shots but its timeline no picture: the report is damaged");
    std::vector<ExportShot>& shots = film.shots.emplace();
    for (const metrics::Shot& shot : report.shots()) shots.push_back({shot, std::nullopt, std::nullopt});
    if (report.has(metrics::Analysis::framing)) {
      const std::vector<metrics::ShotFraming> framing = report.shot_framing();
      check_per_shot(framing, shots.size(), "framing");
      for (size_t k = 0; k < shots.size(); ++k) shots[k].framing = framing[k];
    }
    if (report.has(metrics::Analysis::palette)) {
      const std::vector<report::ShotFamilyShares> colours = report.shot_colours();
      check_per_shot(colours, shots.size(), "shot_colours");
      for (size_t k = 0; k < shots.size(); ++k) shots[k].colours = colours[k];
    }
  }
  if (report.has(metrics::Analysis::dialogue)) film.speech = report.speech();
  return film;
}

std::string_view on_screen_label(std::optional<metrics::PictureState> state) {
  if (!state) return "speech (no picture)";
  switch (*state) {
    case metrics::PictureState::black: return "voice only, black screen";
    case metrics::PictureState::no_face: return "voice only, no face on screen";
    case metrics::PictureState::listener: return "voice only, over a listener's face";
    case metrics::PictureState::speaker: return "speaker on screen";
    case metrics::PictureState::picture: return "speech (faces not looked for)";
    case metrics::PictureState::no_picture: return "speech after the picture";
  }
  return "speech";
}

std::vector<metrics::Family> families_shown(const report::ShotFamilyShares& shares) {
  std::vector<metrics::Family> shown;
  for (const metrics::Family family : metrics::all_families)
    if (shares[size_t(family)] >= metrics::shot_presence_share) shown.push_back(family);
  std::stable_sort(shown.begin(), shown.end(),
                   [&shares](metrics::Family a, metrics::Family b) { return shares[size_t(a)] > shares[size_t(b)]; });
  return shown;
}

std::string colour_text(const report::ShotFamilyShares& shares) {
  std::string text;
  for (const metrics::Family family : families_shown(shares))
    text += fmt::format("{}{} {}%", text.empty() ? "" : ", ", metrics::name(family),
                        std::lround(shares[size_t(family)] * 100));
  return text;
}

std::string_view scale_label(metrics::ShotScale scale) {
  return scale == metrics::ShotScale::none ? "no face" : metrics::name(scale);
}

std::string describe(const ExportShot& shot, size_t number) {
  std::string text = fmt::format("shot {}: {} to {}", number, metrics::name(shot.shot.begins), metrics::name(shot.shot.ends));
  // A blank stretch has no faces or colours to speak of (metrics.md, "Shots").
  if (shot.shot.blank) return text + ", blank";
  if (shot.framing) {
    text += fmt::format(", {}", scale_label(shot.framing->scale));
    if (shot.framing->max_faces > 0)
      text += fmt::format(", {} face{}", shot.framing->max_faces, shot.framing->max_faces > 1 ? "s" : "");
  }
  if (shot.colours) {
    const std::string colours = colour_text(*shot.colours);
    if (!colours.empty()) text += ", " + colours;
  }
  return text;
}

std::string media_url(std::string_view path) {
  std::string url = !path.empty() && path.front() == '/' ? "file://" : "";
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') url += c;
    else url += fmt::format("%{:02X}", byte);
  }
  return url;
}

}  // namespace herlens::exports
