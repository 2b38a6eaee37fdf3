// The report page, check's verdicts and probe's description, formatted from data made by hand.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "herlens/metrics/metric_catalog.hpp"
#include "herlens/report/probe_report.hpp"
#include "herlens/report/report_page.hpp"
#include "herlens/report/verdicts.hpp"
#include "support/summaries.hpp"

using namespace herlens;

namespace {

const report::HtmlSection* section_with_id(const report::HtmlPage& page, const std::string& id) {
  for (const report::HtmlSection& section : page.sections)
    if (section.id == id) return &section;
  return nullptr;
}

std::string blocks_of(const report::HtmlSection& section) {
  std::string all;
  for (const std::string& block : section.blocks) all += block;
  return all;
}

}  // namespace

TEST_CASE("report page: a timeline, readable figures, a section per analysis with its captioned pictures") {
  const metrics::FilmSummary summary = test::hand_made_summary();
  const report::HtmlPage page = report::report_page(summary, report::outputs_of(summary, {}));
  CHECK(page.title == "herlens report: film.mkv");
  CHECK(page.subtitle.find("00:00:30.000 long") != std::string::npos);
  CHECK(page.subtitle.find("750 frames decoded at 25 fps · 2 decode errors") != std::string::npos);
  CHECK(page.contents);

  const report::HtmlSection* glance = section_with_id(page, "overview");
  REQUIRE(glance);
  CHECK(glance->explanation.find("Not analysed: dialogue (made up, for the test)") != std::string::npos);
  const std::string timeline = blocks_of(*glance);
  CHECK(timeline.find("id=\"timeline\"") != std::string::npos);
  CHECK(timeline.find("<svg") != std::string::npos);
  for (const char* lane : {">Shots<", ">Colour<", ">Faces seen<", ">Speech<", ">Black<"}) {
    CAPTURE(lane);
    CHECK(timeline.find(lane) != std::string::npos);
  }
  // The second shot, a close-up, links to its row; speech over the black start is voice only.
  CHECK(timeline.find("shot 2: 00:00:02.000 to 00:00:27.000, 25.0 s, CU (close-up)") != std::string::npos);
  CHECK(timeline.find("href=\"#shot-2\"") != std::string::npos);
  CHECK(timeline.find("00:00:01.000 to 00:00:02.000: voice only: over black") != std::string::npos);
  CHECK(timeline.find("00:00:02.000 to 00:00:04.000: voice only: no face on screen") != std::string::npos);
  CHECK(timeline.find("00:00:14.000 to 00:00:16.000: speech, a speaking face on screen") != std::string::npos);
  CHECK(timeline.find(">00:00:10<") != std::string::npos);  // an axis label

  const auto figure_named = [&page](const std::string& name) -> const report::Figure* {
    for (const report::HtmlSection& section : page.sections)
      for (const report::Figure& figure : section.figures)
        if (figure.name == name) return &figure;
    return nullptr;
  };
  // The headline figures under the timeline, readable name and machine name.
  CHECK(timeline.find("<div class=fig>Running time<b>30.0 s</b>") != std::string::npos);
  CHECK(timeline.find("<code>runtime_minutes</code>") != std::string::npos);
  REQUIRE(figure_named("closeup_ratio"));
  CHECK(figure_named("closeup_ratio")->value == "33.3%");
  CHECK(figure_named("closeup_ratio")->label == "Close-ups, by shots");
  REQUIRE(figure_named("asl_seconds"));
  CHECK(figure_named("asl_seconds")->value == "10.0 s");
  REQUIRE(figure_named("blue_share"));
  CHECK(figure_named("blue_share")->label == "Blue pixels");
  CHECK_FALSE(figure_named("grey_share"));  // the other families are in the chart, under their names

  const report::HtmlSection* shots = section_with_id(page, "shots");
  REQUIRE(shots);
  const std::string shot_html = blocks_of(*shots);
  CHECK(shot_html.find("id=\"shot-lengths\"") != std::string::npos);
  CHECK(shot_html.find("id=\"shot-histogram\"") != std::string::npos);
  CHECK(shot_html.find("moving average over 3 shots") != std::string::npos);
  CHECK(shot_html.find("shot 2: 25.0 s") != std::string::npos);  // the longest take, labelled
  CHECK(shot_html.find("id=\"longest-takes\"") != std::string::npos);
  // One row per shot, each with its thumbnail (the detector kept a picture in every shot), its
  // start as clock time, frame and SMPTE timecode.
  for (const char* row : {"id=\"shot-1\"", "id=\"shot-2\"", "id=\"shot-3\""}) CHECK(shot_html.find(row) != std::string::npos);
  size_t thumbnails = 0;
  for (size_t at = shot_html.find("class=\"thumb\""); at != std::string::npos; at = shot_html.find("class=\"thumb\"", at + 1))
    ++thumbnails;
  CHECK(thumbnails == 3 + 3);  // the shot table and the three longest takes
  CHECK(shot_html.find("<td class=n>00:00:27.000</td><td class=n>675</td><td class=n>00:00:27:00</td>") != std::string::npos);
  CHECK(shot_html.find("Boundaries 1 to 2") != std::string::npos);
  // Pictures written as files are shown by name, not embedded; the shot table's thumbnails are not files.
  CHECK(shot_html.find("loading=lazy src=\"boundaries-1.png\"") != std::string::npos);

  const report::HtmlSection* colour = section_with_id(page, "palette");
  REQUIRE(colour);
  const std::string colour_html = blocks_of(*colour);
  CHECK(colour_html.find("id=\"colour-blue\"") != std::string::npos);
  CHECK(colour_html.find("blue · 25.0% of the pixels") != std::string::npos);
  CHECK(colour_html.find("00:00:04.000 · <a href=\"#shot-2\">shot 2</a> · 50% blue") != std::string::npos);
  CHECK(colour_html.find("id=\"barcode\"") != std::string::npos);
  CHECK(colour_html.find("barcode.png") != std::string::npos);
  CHECK(colour_html.find("data:image/png") == std::string::npos);
  CHECK(colour_html.find("grey (grey_share)") != std::string::npos);
  CHECK(colour_html.find("blue (blue_share)") < colour_html.find("grey (grey_share)"));  // hues first

  const report::HtmlSection* framing = section_with_id(page, "framing");
  REQUIRE(framing);
  CHECK(blocks_of(*framing).find("CU: close-up") != std::string::npos);
  REQUIRE(section_with_id(page, "dialogue"));
  CHECK(blocks_of(*section_with_id(page, "dialogue")).find("00:00:14.000") != std::string::npos);
  CHECK_FALSE(section_with_id(page, "claims"));
}

TEST_CASE("report page: claims with their verdicts, values and links to the evidence") {
  const metrics::FilmSummary summary = test::hand_made_summary();
  const auto lookup = [&summary](const std::string& name) { return metrics::find_metric(name)->value(summary); };
  const auto verdicts = claims::evaluate({claims::parse_claim("blue_share < 5% \"no blue\""),
                                          claims::parse_claim("cool_share > warm_share and asl_seconds > 6")},
                                         lookup);
  const report::HtmlPage page = report::report_page(summary, report::outputs_of(summary, {}), verdicts);
  const report::HtmlSection* section = section_with_id(page, "claims");
  REQUIRE(section);
  CHECK(section->explanation == "1 of 2 claims hold for this film, as herlens check judges them.");
  const std::string html = blocks_of(*section);
  CHECK(html.find("<span class=fails>fails</span></td><td><code>blue_share &lt; 5%</code></td><td class=n>blue_share 25.0%</td><td>no blue</td><td><a href=\"#colour-blue\">") != std::string::npos);
  CHECK(html.find("cool_share 25.0%; warm_share 0.0%; asl_seconds 10.0 s") != std::string::npos);
  CHECK(html.find("<a href=\"#palette\">") != std::string::npos);
}

TEST_CASE("report page: every metric has a readable name") {
  for (const metrics::MetricDefinition& metric : metrics::metric_catalog()) {
    CAPTURE(metric.name);
    const std::string name = report::readable_metric_name(metric.name);
    CHECK(name.find('_') == std::string::npos);
    CHECK(std::isupper(static_cast<unsigned char>(name[0])));
  }
  CHECK(report::readable_metric_name("asl_seconds") == "Average shot length (ASL)");
  CHECK(report::readable_metric_name("orange_brown_share") == "Orange/brown pixels");
}

TEST_CASE("verdicts: text and JSON name every claim, its measure and whether it holds") {
  const std::vector<claims::Verdict> verdicts{
      {claims::parse_claim("asl_seconds > 6 \"slow\""), {{"asl_seconds", 10}}, 10, true},
      {claims::parse_claim("blue_share < 0.05"), {{"blue_share", 0.25}}, 0.25, false},
      {claims::parse_claim("warm_share > cool_share"), {{"warm_share", 0.5}, {"cool_share", 0.25}}, 0.5, true}};
  const std::string text = report::verdicts_text(verdicts);
  CHECK(text.find("holds   asl_seconds > 6") != std::string::npos);
  CHECK(text.find("FAILS   blue_share < 0.05") != std::string::npos);
  CHECK(text.find("warm_share 0.5, cool_share 0.25") != std::string::npos);
  CHECK(text.find("2 of 3 claims hold") != std::string::npos);
  const nlohmann::ordered_json json = report::verdicts_json(verdicts);
  CHECK(json["all_hold"] == false);
  CHECK(json["claims"][0]["description"] == "slow");
  CHECK(json["claims"][1]["measured"] == 0.25);
  CHECK(json["claims"][1]["comparison"] == "<");
  CHECK(json["claims"][1]["values"]["blue_share"] == 0.25);
  CHECK_FALSE(json["claims"][2].contains("comparison"));  // two metrics: no single number compared
  CHECK(json["claims"][2]["values"]["cool_share"] == 0.25);
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
