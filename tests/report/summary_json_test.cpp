// summary.json from a hand-made summary: its shape and its sections.
#include <doctest/doctest.h>

#include "herlens/report/summary_json.hpp"
#include "support/summaries.hpp"

using namespace herlens;

TEST_CASE("summary json: input, input_path, runtime, timeline, decode, a section per analysis, skipped, metrics, provenance") {
  const nlohmann::ordered_json json = report::summary_json(test::hand_made_summary());
  std::vector<std::string> keys;
  for (const auto& [key, value] : json.items()) keys.push_back(key);
  CHECK(keys == std::vector<std::string>{"input", "input_path", "runtime", "timeline", "decode", "shots", "palette", "framing", "dialogue",
                                         "skipped", "metrics", "provenance"});
  CHECK(json["runtime"]["seconds"] == 30);
  CHECK(json["timeline"]["start_offset_seconds"] == 0);
  CHECK(json["timeline"]["frame_rate"] == "25/1");
  CHECK(json["timeline"]["variable_frame_rate"] == false);
  CHECK(json["timeline"]["width"] == 320);
  CHECK(json["decode"]["decode_errors"] == 2);
  CHECK(json["decode"]["audio_seconds"] == 30);
  CHECK(json["shots"]["shot_count"] == 3);
  CHECK(json["shots"]["long_take_count"] == 1);
  CHECK(json["shots"]["longest_takes"][0]["start"] == "00:00:02.000");
  CHECK(json["shots"]["transitions"]["cut"] == 2);
  CHECK(json["palette"]["blue_share"] == 0.25);
  CHECK(json["palette"]["palette"][1]["hex"] == "#0000ff");
  CHECK(json["framing"]["scale_shots"]["CU"] == 1);  // the face of 0.5 in the long shot
  CHECK(json["dialogue"]["over_black_minutes"] == doctest::Approx(1.0 / 60));
  CHECK(json["dialogue"]["faces_checked"] == true);
  CHECK(json["skipped"][0]["analysis"] == "dialogue");
  CHECK(json["metrics"]["asl_seconds"]["value"] == 10);
  CHECK(json["metrics"]["asl_seconds"]["unit"] == "seconds");
  CHECK(json["provenance"]["herlens_version"] == "0.1.0+gtest");
  CHECK(json["provenance"]["options"]["shot_detector"]["threshold"] == 3.0);
  CHECK(json["provenance"]["options"]["shot_detector"]["window"].is_number_integer());
  CHECK(json["provenance"]["models"][0]["sha256"] == "1a15");
  CHECK(json["provenance"]["shot_list"].is_null());  // detected shots
}

TEST_CASE("summary json: sections of analyses that did not run are absent, and so are their metrics") {
  metrics::FilmSummary summary = test::hand_made_summary();
  summary.palette.reset();
  summary.dialogue.reset();
  const nlohmann::ordered_json json = report::summary_json(summary);
  CHECK_FALSE(json.contains("palette"));
  CHECK_FALSE(json.contains("dialogue"));
  CHECK_FALSE(json["metrics"].contains("blue_share"));
  CHECK(json["metrics"].contains("shot_count"));
}
