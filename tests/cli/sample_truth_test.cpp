// The bundled sample film was made with known answers (samples/her-sample.truth.json, written by
// scripts/make-sample); herlens report must recover them.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>
#include "support/csv.hpp"
#include "support/fixtures.hpp"

using herlens::test::read_text;
using herlens::test::sample_report;
using herlens::test::source_file;
using nlohmann::json;

namespace {

// A CSV table as rows of named fields (herlens tables here have no quoted fields).
using Row = std::map<std::string, std::string>;
std::vector<Row> read_csv(const std::filesystem::path& file) {
  const auto cells = herlens::test::parse_csv(read_text(file));
  std::vector<Row> rows;
  for (size_t r = 1; r < cells.size(); ++r) {
    Row row;
    for (size_t i = 0; i < cells[0].size() && i < cells[r].size(); ++i) row[cells[0][i]] = cells[r][i];
    rows.push_back(row);
  }
  return rows;
}

double number(const Row& row, const std::string& column) { return std::stod(row.at(column)); }

bool overlaps(double a0, double a1, double b0, double b1) { return a0 < b1 && b0 < a1; }

const json& truth() {
  static const json value = json::parse(read_text(source_file("samples/her-sample.truth.json")));
  return value;
}

double metric(const std::string& name) {
  const json summary = json::parse(read_text(sample_report() / "summary.json"));
  REQUIRE_MESSAGE(summary.at("metrics").contains(name), name);
  return summary.at("metrics").at(name).at("value").get<double>();
}

}  // namespace

TEST_CASE("sample truth: every shot boundary and transition") {
  const auto shots = read_csv(sample_report() / "shots.csv");
  const auto transitions = read_csv(sample_report() / "transitions.csv");
  const auto& truth_shots = truth().at("shots");
  for (const json& shot : truth_shots) {
    const auto kind = shot.at("transition").get<std::string>();
    const double start = shot.at("start_frame").get<double>();
    CAPTURE(kind);
    CAPTURE(start);
    if (kind == "start") continue;
    if (kind == "cut") {
      const bool found = std::any_of(shots.begin(), shots.end(), [&](const Row& r) {
        return r.at("transition") == "cut" && std::abs(number(r, "start_frame") - start) <= 1;
      });
      CHECK(found);
    } else {
      const auto& span = shot.at("transition_frames");
      const bool found = std::any_of(transitions.begin(), transitions.end(), [&](const Row& r) {
        return r.at("transition") == kind &&
               overlaps(number(r, "start_frame"), number(r, "end_frame"), span[0].get<double>(), span[1].get<double>());
      });
      CHECK(found);
    }
  }
  const auto& fade_out = truth_shots[5].at("fade_out_frames");
  CHECK(std::any_of(transitions.begin(), transitions.end(), [&](const Row& r) {
    return r.at("transition") == "fade_out" &&
           overlaps(number(r, "start_frame"), number(r, "end_frame"), fade_out[0].get<double>(), fade_out[1].get<double>());
  }));
  CHECK(metric("longest_shot_seconds") == doctest::Approx(truth().at("long_take").at("seconds").get<double>()).epsilon(0.02));
  CHECK(metric("long_take_count") == 1);  // the 20 s take; no other shot reaches 20 s
  CHECK(metric("runtime_minutes") * 60 == doctest::Approx(truth().at("duration_seconds").get<double>()).epsilon(0.001));
}

TEST_CASE("sample truth: a little blue, a warm and partly pastel palette") {
  CHECK(metric("blue_share") > 0.03);  // the small box in shot A and the blue-hour shot
  CHECK(metric("blue_share") < 0.15);
  CHECK(metric("warm_share") > 0.5);
  CHECK(metric("pastel_share") > 0.1);
}

TEST_CASE("sample truth: shot scales of the real face") {
  const auto framing = read_csv(sample_report() / "framing.csv");
  const auto& truth_shots = truth().at("shots");
  for (const json& shot : truth_shots) {
    const double start = shot.at("start_frame").get<double>() / truth().at("frame_rate").get<double>();
    const std::string expected = shot.at("scale").get<std::string>();
    CAPTURE(start);
    // The detected shot that covers the middle of the true shot's first second.
    const auto row = std::find_if(framing.begin(), framing.end(), [&](const Row& r) {
      return number(r, "start_time") <= start + 0.5 && start + 0.5 < number(r, "end_time");
    });
    REQUIRE(row != framing.end());
    CHECK(row->at("scale") == expected);
  }
}

TEST_CASE("sample truth: speech where it was placed, voice only over black, faceless shots and a still face") {
  const auto speech = read_csv(sample_report() / "speech.csv");
  const auto& truth_speech = truth().at("speech");
  double truth_total = 0;
  for (const json& segment : truth_speech) {
    const double start = segment.at("start").get<double>();
    const double end = segment.at("end").get<double>();
    truth_total += end - start;
    CAPTURE(start);
    CHECK(std::any_of(speech.begin(), speech.end(), [&](const Row& r) {
      return overlaps(number(r, "start_time"), number(r, "end_time"), start, end);
    }));
  }
  CHECK(metric("dialogue_minutes") * 60 == doctest::Approx(truth_total).epsilon(0.10));
  // Over black: the whole 41.5 s sentence; with no face on screen also the blue-hour and long-take
  // lines. The portrait under the other two is a still photograph: a listener, so every line is
  // voice-only.
  CHECK(metric("voice_over_black_minutes") * 60 > 3.0);
  CHECK(metric("faceless_voice_share") > 0.5);
  CHECK(metric("faceless_voice_share") < 0.8);
  CHECK(metric("voice_only_share") > 0.95);
  for (const Row& r : speech) {
    const double start = number(r, "start_time");
    CAPTURE(start);
    if (start > 41) CHECK(r.at("on_screen") == "over_black");
    else if (start > 12 && start < 30) CHECK(r.at("on_screen") == "no_face");
    else CHECK(r.at("on_screen") == "listener");
  }
}
