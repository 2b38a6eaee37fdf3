// The report page, check's verdicts and probe's description, formatted from data made by hand.
#include <doctest/doctest.h>

#include <algorithm>

#include <fmt/format.h>

#include "herlens/report/probe_report.hpp"
#include "herlens/report/report_page.hpp"
#include "herlens/report/verdicts.hpp"
#include "support/summaries.hpp"

using namespace herlens;

TEST_CASE("report page: an overview, one section per analysis with its figures, pictures and main table") {
  const metrics::FilmSummary summary = test::hand_made_summary();
  const report::HtmlPage page = report::report_page(summary, report::outputs_of(summary, {}));
  REQUIRE(page.sections.size() == 5);
  CHECK(page.title == "herlens report: film.mkv");
  CHECK(page.subtitle.find("750 frames decoded · 2 decode errors") != std::string::npos);
  CHECK(page.sections[0].heading == "Overview");
  CHECK(page.sections[0].explanation.find("Not analysed: dialogue (made up, for the test)") != std::string::npos);
  REQUIRE(page.sections[0].figures.size() == 1);
  CHECK(page.sections[0].figures[0].label == "runtime_minutes");
  CHECK(page.sections[0].figures[0].value == "0.50 min");
  CHECK(page.sections[1].heading == "Shots");
  CHECK(page.sections[1].tables.front().name == "shots");
  CHECK(page.sections[2].pictures.size() == 3);
  const auto closeups = std::find_if(page.sections[3].figures.begin(), page.sections[3].figures.end(),
                                     [](const report::Figure& f) { return f.label == "closeup_ratio"; });
  REQUIRE(closeups != page.sections[3].figures.end());
  CHECK(closeups->value == "33.3%");
}

TEST_CASE("verdicts: text and JSON name every claim, its measure and whether it holds") {
  const std::vector<claims::Verdict> verdicts{{claims::parse_claim("asl_seconds > 6 \"slow\""), 10, true},
                                              {claims::parse_claim("blue_share < 0.05"), 0.25, false}};
  const std::string text = report::verdicts_text(verdicts);
  CHECK(text.find("holds   asl_seconds > 6") != std::string::npos);
  CHECK(text.find("FAILS   blue_share < 0.05") != std::string::npos);
  CHECK(text.find("1 of 2 claims hold") != std::string::npos);
  const nlohmann::ordered_json json = report::verdicts_json(verdicts);
  CHECK(json["all_hold"] == false);
  CHECK(json["claims"][0]["description"] == "slow");
  CHECK(json["claims"][1]["measured"] == 0.25);
  CHECK(json["claims"][1]["comparison"] == "<");
  const std::string list = report::metric_list();
  CHECK(list.find("runtime_minutes") != std::string::npos);
  CHECK(list.find(fmt::format("{:<28} {:<9}", "voice_only_share", "dialogue")) != std::string::npos);
}

TEST_CASE("probe: headers, and what a decode-only pass found when one ran") {
  media::MediaInfo info;
  info.path = "film.mkv";
  info.container = "matroska,webm";
  media::VideoStreamInfo video;
  video.index = 0;
  video.width = 704;
  video.height = 576;
  video.sample_aspect = {16, 11};
  info.video.push_back(video);
  CHECK(report::probe_text(info, nullptr).find("704x576  SAR 16:11") != std::string::npos);
  CHECK_FALSE(report::probe_json(info, nullptr).contains("decoded"));
  metrics::FilmSummary decoded;
  decoded.timing.video_frames = 20;
  decoded.timing.end_time = 1.4;
  decoded.timing.shortest_interval = 0.04;
  decoded.timing.longest_interval = 0.12;
  decoded.decode.ended_early = true;
  const std::string text = report::probe_text(info, &decoded);
  CHECK(text.find("decoded    20 frames, 0.000 s to 1.400 s, variable frame rate") != std::string::npos);
  CHECK(text.find("damage     0 decode errors, ended early") != std::string::npos);
  const nlohmann::ordered_json json = report::probe_json(info, &decoded);
  CHECK(json["decoded"]["video_frames"] == 20);
  CHECK(json["decoded"]["variable_frame_rate"] == true);
  CHECK(json["video"][0]["sample_aspect_ratio"] == "16:11");
}
