#include <cmath>
#include <filesystem>
#include <fstream>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include "support/fixtures.hpp"

using herlens::test::media;
using herlens::test::run_cli;
using nlohmann::json;

namespace {

json palette_summary(const std::string& file) {
  const auto result = run_cli({"palette", "--json", "-q", media(file).string()});
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out).at("palette");
}

double number(const json& summary, const std::string& key) {
  REQUIRE_MESSAGE(summary.contains(key), key);
  return summary.at(key).get<double>();
}

const char* const families[] = {"black", "grey",  "white",     "pink", "red",           "orange_brown",
                                "yellow", "green", "cyan_teal", "blue", "purple_magenta"};

}  // namespace

TEST_CASE("cli palette: exactly 20% blue pixels report 20% +/- 0.5 points") {
  const json summary = palette_summary("blue20.mkv");
  CHECK(std::abs(number(summary, "blue_share") - 0.20) <= 0.005);
  CHECK(std::abs(number(summary, "pink_share") - 0.20) <= 0.005);
  CHECK(std::abs(number(summary, "cool_share") - 0.40) <= 0.005);  // blue and green; grey is neither
  CHECK(std::abs(number(summary, "warm_share") - 0.40) <= 0.005);
}

TEST_CASE("cli palette: known patches land in their families under BT.709 and BT.601, limited and full range") {
  std::vector<json> summaries;
  for (const char* file : {"patches_bt709_tv.mkv", "patches_bt709_pc.mkv", "patches_bt601_tv.mkv", "patches_bt601_pc.mkv"})
    summaries.push_back(palette_summary(file));
  for (const json& summary : summaries) {
    for (const std::string family : families) {
      CAPTURE(family);
      const double expected = family == "pink" ? 2.0 / 12 : 1.0 / 12;  // the pastel patch is pink too
      CHECK(std::abs(number(summary, family + "_share") - expected) <= 0.005);
    }
    CHECK(std::abs(number(summary, "pastel_share") - 1.0 / 12) <= 0.005);
  }
  for (const std::string family : families) {
    CAPTURE(family);
    for (const json& summary : summaries)
      CHECK(std::abs(number(summary, family + "_share") - number(summaries[0], family + "_share")) <= 0.01);
  }
}

TEST_CASE("cli palette: the patches' own colours come back within 4 levels whatever the matrix and range") {
  // Families are wide enough to hide a wrong matrix; the colours themselves are not.
  const char* const patches[] = {"#0a0a0c", "#787878", "#f0f0f0", "#e63c96", "#c81e1e", "#c86e28",
                                 "#dcd228", "#28aa3c", "#1eaab4", "#2846d2", "#a028a0", "#fac8d2"};
  const auto channel = [](const std::string& hex, int i) { return std::stoi(hex.substr(1 + 2 * i, 2), nullptr, 16); };
  for (const char* file : {"patches_bt709_tv.mkv", "patches_bt709_pc.mkv", "patches_bt601_tv.mkv", "patches_bt601_pc.mkv"}) {
    const auto result = run_cli({"palette", "-q", "-k", "12", media(file).string()});
    REQUIRE(result.exit_code == 0);
    for (const std::string patch : patches) {
      CAPTURE(file);
      CAPTURE(patch);
      bool found = false;
      for (size_t at = result.out.find(",#"); at != std::string::npos; at = result.out.find(",#", at + 1)) {
        const std::string hex = result.out.substr(at + 1, 7);
        bool close = true;
        for (int i = 0; i < 3; ++i) close &= std::abs(channel(hex, i) - channel(patch, i)) <= 4;
        found |= close;
      }
      CHECK(found);
    }
  }
}

TEST_CASE("cli palette: letterbox bars of a 2.39:1 film in a 16:9 frame are not black") {
  const json summary = palette_summary("scope_in_16x9.mp4");
  // The active picture is 20% black (one stripe); the bars would add about 25 points more.
  CHECK(std::abs(number(summary, "black_share") - 0.20) <= 0.01);
  // Bars are counted in rows of the pixel grid: 46 of 360 rows, within one grid row.
  const json& bars = summary.at("bars");
  const double grid_rows = summary.at("pixel_grid").at("height").get<double>();
  CHECK(std::abs(bars.at("top").get<double>() - 46 * grid_rows / 360) <= 1);
  CHECK(std::abs(bars.at("bottom").get<double>() - 46 * grid_rows / 360) <= 1);
  CHECK(bars.at("left").get<double>() == 0);
}

TEST_CASE("cli palette: tables, summary and pictures in the output folder, palette on stdout") {
  herlens::test::ScratchDir dir;
  const auto result = run_cli({"palette", "-q", "-k", "5", "-o", dir.path().string(), media("blue20.mkv").string()});
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.empty());
  for (const char* file : {"palette.csv", "shot_palettes.csv", "shot_colours.csv", "colour_families.csv",
                           "family_evidence.csv", "summary.json", "barcode.png", "palette.png", "evidence_blue_1.png"})
    CHECK_MESSAGE(std::filesystem::exists(dir / file), file);
  const std::string families_csv = herlens::test::read_text(dir / "colour_families.csv");
  CHECK(families_csv.rfind("family,group,pixel_share,chromatic_share,shot_share,time_share\r\n", 0) == 0);
  CHECK(families_csv.find("blue,cool,0.2000,0.2500,1.0000,1.0000\r\n") != std::string::npos);
  CHECK(herlens::test::read_text(dir / "family_evidence.csv").find("evidence_blue_1.png") != std::string::npos);

  const auto printed = run_cli({"palette", "-q", "-k", "5", media("blue20.mkv").string()});
  REQUIRE(printed.exit_code == 0);
  CHECK(printed.out.rfind("rank,hex,L,a,b,share,family\r\n", 0) == 0);
  CHECK(printed.out.find(",blue\r\n") != std::string::npos);
}

TEST_CASE("cli palette: audio-only input is exit 5, an unwritable output folder exit 6, bad k exit 2") {
  CHECK(run_cli({"palette", "-q", media("audio_only.m4a").string()}).exit_code == 5);
  herlens::test::ScratchDir dir;
  std::ofstream(dir / "a_file") << "not a folder";
  CHECK(run_cli({"palette", "-q", "-o", (dir / "a_file" / "out").string(), media("blue20.mkv").string()}).exit_code == 6);
  CHECK(run_cli({"palette", "-q", "-k", "0", media("blue20.mkv").string()}).exit_code == 2);
}
