#include "herlens/report/palette_report.hpp"

#include <cmath>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/report/pictures.hpp"

namespace herlens::report {

namespace {

using metrics::Family;

std::string group_name(Family family) {
  return metrics::is_warm(family) ? "warm" : metrics::is_cool(family) ? "cool" : "achromatic";
}

std::vector<Cell> colour_cells(const metrics::PaletteColour& c) {
  return {metrics::hex(c.rgb), c.lab.L, c.lab.a, c.lab.b, c.share,
          std::string(metrics::name(metrics::family_of(c.lab)))};
}

const std::vector<Column> colour_columns = {{"hex"}, {"L", 2}, {"a", 2}, {"b", 2}, {"share", 4}, {"family"}};

std::vector<Column> with_colour_columns(std::vector<Column> first) {
  first.insert(first.end(), colour_columns.begin(), colour_columns.end());
  return first;
}

std::string evidence_name(const analyzers::Evidence& e) {
  return fmt::format("evidence_{}_{}", metrics::name(e.family), e.rank);
}

}  // namespace

void PaletteReportParams::validate() const {
  check_range("palette report", "barcode_width", barcode_width, 16, 10000);
  check_range("palette report", "barcode_height", barcode_height, 8, 2000);
  check_range("palette report", "swatch_width", swatch_width, 16, 10000);
  check_range("palette report", "swatch_height", swatch_height, 8, 2000);
}

void add_palette_report(const analyzers::ColourSummary& colour, const PaletteReportParams& params, Outputs& outputs) {
  params.validate();
  Table palette{"palette", with_colour_columns({{"rank"}}), {}};
  for (size_t i = 0; i < colour.palette.size(); ++i) {
    std::vector<Cell> row{int64_t(i + 1)};
    for (Cell& cell : colour_cells(colour.palette[i])) row.push_back(std::move(cell));
    palette.add_row(std::move(row));
  }
  outputs.main = std::move(palette);

  Table shot_palettes{"shot_palettes", with_colour_columns({{"shot"}, {"start_time", 3}, {"end_time", 3}, {"rank"}}), {}};
  std::vector<Column> shot_colour_columns = {{"shot"}, {"start_time", 3}, {"end_time", 3}, {"bar_top"}, {"bar_bottom"},
                                             {"bar_left"}, {"bar_right"}, {"mean_lightness", 2}, {"mean_chroma", 2},
                                             {"pastel_share", 4}};
  for (Family f : metrics::all_families) shot_colour_columns.push_back({fmt::format("{}_share", metrics::name(f)), 4});
  Table shot_colours{"shot_colours", shot_colour_columns, {}};
  for (size_t s = 0; s < colour.shots.size(); ++s) {
    const analyzers::ShotColour& shot = colour.shots[s];
    for (size_t i = 0; i < shot.palette.size(); ++i) {
      std::vector<Cell> row{int64_t(s + 1), shot.shot.start_time, shot.shot.end_time, int64_t(i + 1)};
      for (Cell& cell : colour_cells(shot.palette[i])) row.push_back(std::move(cell));
      shot_palettes.add_row(std::move(row));
    }
    const analyzers::ColourTally& t = shot.tally;
    const double pixels = double(std::max<int64_t>(t.pixels, 1));
    std::vector<Cell> row{int64_t(s + 1), shot.shot.start_time, shot.shot.end_time, int64_t(shot.bars.top),
                          int64_t(shot.bars.bottom), int64_t(shot.bars.left), int64_t(shot.bars.right),
                          t.lightness / pixels, t.chroma / pixels, double(t.pastel) / pixels};
    for (Family f : metrics::all_families) row.emplace_back(std::in_place_type<double>, t.share(f));
    shot_colours.add_row(std::move(row));
  }

  Table families{"colour_families", {{"family"}, {"group"}, {"pixel_share", 4}, {"chromatic_share", 4},
                                     {"shot_share", 4}, {"time_share", 4}}, {}};
  for (Family f : metrics::all_families) {
    const analyzers::FamilyShares& s = colour.families[size_t(f)];
    families.add_row({std::string(metrics::name(f)), group_name(f), s.pixel,
                      metrics::is_chromatic(f) ? Cell(s.chromatic) : Cell(), s.shot, s.time});
  }

  Table evidence{"family_evidence", {{"family"}, {"rank"}, {"shot"}, {"frame"}, {"time", 3}, {"timecode"},
                                     {"family_share", 4}, {"picture"}}, {}};
  for (const analyzers::Evidence& e : colour.evidence) {
    evidence.add_row({std::string(metrics::name(e.family)), int64_t(e.rank), int64_t(e.shot + 1), e.frame, e.time,
                      timecode(e.time), e.share, evidence_name(e) + ".png"});
    outputs.pictures.push_back({evidence_name(e), e.thumbnail});
  }
  outputs.tables.push_back(std::move(shot_palettes));
  outputs.tables.push_back(std::move(shot_colours));
  outputs.tables.push_back(std::move(families));
  outputs.tables.push_back(std::move(evidence));

  json::Value& summary = outputs.summary;
  for (Family f : metrics::all_families)
    summary.set(fmt::format("{}_share", metrics::name(f)), colour.families[size_t(f)].pixel);
  summary.set("warm_share", colour.warm_share);
  summary.set("cool_share", colour.cool_share);
  summary.set("pastel_share", colour.pastel_share);
  summary.set("mean_lightness", colour.mean_lightness);
  summary.set("mean_chroma", colour.mean_chroma);
  summary.set("frames", int64_t(colour.frame_times.size()));
  summary.set("shots", int64_t(colour.shots.size()));
  summary.set("pixels_analysed", colour.total.pixels);
  const analyzers::Border& bars = colour.areas.stream;
  summary.set("bars", json::Object{{"top", bars.top}, {"bottom", bars.bottom}, {"left", bars.left}, {"right", bars.right}});
  json::Array colours;
  for (const auto& c : colour.palette) colours.push_back(json::Object{{"hex", metrics::hex(c.rgb)}, {"share", c.share}});
  summary.set("palette", std::move(colours));

  std::vector<metrics::Shot> shots;
  for (const auto& s : colour.shots) shots.push_back(s.shot);
  const cv::Mat strip = barcode(colour.frame_times, colour.frame_means, shots, params.barcode_width, params.barcode_height);
  if (!strip.empty()) outputs.pictures.push_back({"barcode", strip});
  if (!colour.palette.empty())
    outputs.pictures.push_back({"palette", swatch(colour.palette, params.swatch_width, params.swatch_height)});
}

}  // namespace herlens::report
