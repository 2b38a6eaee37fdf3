#include "herlens/report/palette_report.hpp"

#include <fmt/format.h>

#include "herlens/report/outputs.hpp"
#include "herlens/report/pictures.hpp"
#include "herlens/report/timecode.hpp"

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

}  // namespace

std::string evidence_name(const metrics::Evidence& e) {
  return fmt::format("evidence_{}_{}", metrics::name(e.family), e.rank);
}

const params::Table<PaletteReportParams>& PaletteReportParams::table() {
  using P = PaletteReportParams;
  static const params::Table<P> table{
      "palette pictures",
      {{"barcode_width", "--barcode-width", "Time slices (columns) in barcode.png", &P::barcode_width, 16, 10000},
       {"barcode_height", "", "Height of barcode.png in pixels", &P::barcode_height, 8, 2000},
       {"swatch_width", "", "Width of palette.png in pixels", &P::swatch_width, 16, 10000},
       {"swatch_height", "", "Height of palette.png in pixels", &P::swatch_height, 8, 2000}}};
  return table;
}

std::vector<Table> palette_tables(const metrics::ColourSummary& colour) {
  Table palette{"palette", with_colour_columns({{"rank"}}), {}};
  for (size_t i = 0; i < colour.palette.size(); ++i) {
    std::vector<Cell> row{int64_t(i + 1)};
    for (Cell& cell : colour_cells(colour.palette[i])) row.push_back(std::move(cell));
    palette.add_row(std::move(row));
  }

  Table shot_palettes{"shot_palettes", with_colour_columns({{"shot"}, {"start_time", 3}, {"end_time", 3}, {"rank"}}), {}};
  std::vector<Column> shot_colour_columns = {{"shot"}, {"start_time", 3}, {"end_time", 3}, {"bar_top"}, {"bar_bottom"},
                                             {"bar_left"}, {"bar_right"}, {"mean_lightness", 2}, {"mean_chroma", 2},
                                             {"pastel_share", 4}};
  for (Family f : metrics::all_families) shot_colour_columns.push_back({fmt::format("{}_share", metrics::name(f)), 4});
  Table shot_colours{"shot_colours", shot_colour_columns, {}};
  for (size_t s = 0; s < colour.shots.size(); ++s) {
    const metrics::ShotColour& shot = colour.shots[s];
    for (size_t i = 0; i < shot.palette.size(); ++i) {
      std::vector<Cell> row{int64_t(s + 1), shot.shot.start_time, shot.shot.end_time, int64_t(i + 1)};
      for (Cell& cell : colour_cells(shot.palette[i])) row.push_back(std::move(cell));
      shot_palettes.add_row(std::move(row));
    }
    const metrics::ColourTally& t = shot.tally;
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
    const metrics::FamilyShares& s = colour.families[size_t(f)];
    families.add_row({std::string(metrics::name(f)), group_name(f), s.pixel,
                      metrics::is_chromatic(f) ? Cell(s.chromatic) : Cell(), s.shot, s.time});
  }

  Table evidence{"family_evidence", {{"family"}, {"rank"}, {"shot"}, {"frame"}, {"time", 3}, {"timecode"},
                                     {"family_share", 4}, {"picture"}}, {}};
  for (const metrics::Evidence& e : colour.evidence)
    evidence.add_row({std::string(metrics::name(e.family)), int64_t(e.rank), int64_t(e.shot + 1), e.frame, e.time,
                      timecode(e.time), e.share, evidence_name(e) + ".png"});
  return {std::move(palette), std::move(shot_palettes), std::move(shot_colours), std::move(families),
          std::move(evidence)};
}

std::vector<Picture> palette_pictures(const metrics::ColourSummary& colour, const PaletteReportParams& params) {
  params.validate();
  std::vector<Picture> pictures;
  for (const metrics::Evidence& e : colour.evidence)
    pictures.push_back({evidence_name(e), [&e] { return e.thumbnail; }});
  if (!colour.frame_times.empty() && !colour.frame_means.empty())
    pictures.push_back({"barcode", [&colour, params] {
                          std::vector<metrics::Shot> shots;
                          for (const auto& s : colour.shots) shots.push_back(s.shot);
                          return barcode(colour.frame_times, colour.frame_means, shots, params.barcode_width,
                                         params.barcode_height);
                        }});
  if (!colour.palette.empty())
    pictures.push_back({"palette", [&colour, params] {
                          return swatch(colour.palette, params.swatch_width, params.swatch_height);
                        }});
  return pictures;
}

nlohmann::ordered_json palette_json(const metrics::ColourSummary& colour) {
  nlohmann::ordered_json json;
  for (Family f : metrics::all_families) json[fmt::format("{}_share", metrics::name(f))] = colour.families[size_t(f)].pixel;
  json["warm_share"] = colour.warm_share;
  json["cool_share"] = colour.cool_share;
  json["pastel_share"] = colour.pastel_share;
  json["mean_lightness"] = colour.mean_lightness;
  json["mean_chroma"] = colour.mean_chroma;
  json["frames"] = colour.frame_times.size();
  json["shots"] = colour.shots.size();
  json["pixels_analysed"] = colour.total.pixels;
  json["pixel_grid"] = {{"width", colour.grid.width}, {"height", colour.grid.height}};
  const metrics::Border& bars = colour.areas.stream;
  json["bars"] = {{"top", bars.top}, {"bottom", bars.bottom}, {"left", bars.left}, {"right", bars.right}};
  nlohmann::ordered_json colours = nlohmann::ordered_json::array();
  for (const auto& c : colour.palette) colours.push_back({{"hex", metrics::hex(c.rgb)}, {"share", c.share}});
  json["palette"] = std::move(colours);
  return json;
}

}  // namespace herlens::report
