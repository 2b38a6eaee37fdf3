// Each analysis's tables and pictures, formatted from a hand-made summary: columns, rows, values.
#include <doctest/doctest.h>

#include "herlens/report/dialogue_report.hpp"
#include "herlens/report/framing_report.hpp"
#include "herlens/report/outputs.hpp"
#include "herlens/report/palette_report.hpp"
#include "herlens/report/shots_report.hpp"
#include "support/summaries.hpp"

using namespace herlens;

TEST_CASE("shots tables: shots, transitions, cutting rate, per-frame scores") {
  const metrics::ShotsSection shots = *test::hand_made_summary().shots;
  CHECK(report::to_csv(report::shots_table(shots)) ==
        "shot,start_frame,end_frame,start_time,end_time,duration,transition,transition_out,content,confidence\r\n"
        "1,0,50,0.000,2.000,2.000,start,cut,picture,\r\n"
        "2,50,675,2.000,27.000,25.000,cut,cut,picture,0.900\r\n"
        "3,675,750,27.000,30.000,3.000,cut,end,picture,0.750\r\n");
  CHECK(report::to_csv(report::transitions_table(shots)) ==
        "transition,start_frame,end_frame,start_time,end_time,boundary_frame,confidence\r\n"
        "cut,50,50,2.000,2.000,50,0.900\r\ncut,675,675,27.000,27.000,675,0.750\r\n");
  // Only the strips' frames stay; each transition gets a strip with what was kept of it.
  CHECK(shots.boundary_pictures.size() == 3);
  CHECK_FALSE(shots.boundary_pictures.contains(300));
  const std::vector<report::Picture> strips = report::boundary_strips(shots);
  REQUIRE(strips.size() == 1);
  CHECK(strips[0].name == "boundaries-1");
  // Two strips side by side, each three framed 64-pixel slots wide.
  CHECK(strips[0].draw().cols > 2 * 3 * 64);
  CHECK(strips[0].draw().cols < 2 * 3 * 70 + 20);
  CHECK(report::to_csv(report::cutting_rate_table(shots)) ==
        "window,start_time,end_time,shot_changes,cuts_per_minute\r\n1,0.000,30.000,2,4.000\r\n");
  const report::Table scores = report::shot_scores_table(shots);
  REQUIRE(scores.rows.size() == 750);
  CHECK(report::format_cell(scores.rows[50].back(), 0) == "cut");
  CHECK(report::format_cell(scores.rows[51].back(), 0).empty());
}

TEST_CASE("palette tables and pictures: families, palette, evidence thumbnails, barcode, swatch") {
  const metrics::ColourSummary colour = *test::hand_made_summary().palette;
  const std::vector<report::Table> tables = report::palette_tables(colour);
  REQUIRE(tables.size() == 5);
  CHECK(tables[0].name == "palette");
  CHECK(report::to_csv(tables[0]).find("2,#0000ff,") != std::string::npos);
  CHECK(tables[2].rows.size() == 3);  // shot_colours: one row a shot
  CHECK(report::to_csv(tables[3]).find("blue,cool,0.2500,") != std::string::npos);
  CHECK(report::to_csv(tables[4]).find("blue,1,2,100,4.000,00:00:04.000,0.5000,evidence_blue_1.png") !=
        std::string::npos);
  const std::vector<report::Picture> pictures = report::palette_pictures(colour, {});
  REQUIRE(pictures.size() == 3);
  CHECK(pictures[0].name == "evidence_blue_1");
  CHECK(pictures[1].name == "barcode");
  CHECK(pictures[1].draw().size() == cv::Size(3, 200));  // never more columns than frames
  CHECK(pictures[2].name == "palette");
  CHECK(pictures[2].draw().at<cv::Vec3b>(60, 799) == cv::Vec3b(255, 0, 0));  // the blue quarter, right
  report::PaletteReportParams bad;
  bad.barcode_width = 2;
  CHECK_THROWS_AS(report::palette_pictures(colour, bad), Error);
}

TEST_CASE("framing table, face_frames on request, and contact sheets with the faces boxed") {
  const metrics::FramingSection framing = *test::hand_made_summary().framing;
  CHECK(report::to_csv(report::framing_table(framing)) ==
        "shot,start_time,end_time,duration,samples,frames_with_faces,max_faces,face_size,people,scale\r\n"
        "1,0.000,2.000,2.000,1,0,0,,0,none\r\n"
        "2,2.000,27.000,25.000,1,1,1,0.500,1,CU\r\n"
        "3,27.000,30.000,3.000,1,0,0,,0,none\r\n");
  CHECK(report::framing_tables(framing, {}).size() == 1);
  report::FramingReportOptions with_frames;
  with_frames.frames_table = true;
  const auto tables = report::framing_tables(framing, with_frames);
  REQUIRE(tables.size() == 2);
  CHECK(report::to_csv(tables[1]).find("12.000,300,1,0.500,0.4000 0.2000 0.3000 0.5000,0.900") != std::string::npos);

  const std::vector<report::Picture> sheets = report::contact_sheets(framing, {});
  REQUIRE(sheets.size() == 1);  // only the CU shot has a kept thumbnail
  CHECK(sheets[0].name == "contact_cu");
  // The tile: the 64x36 thumbnail, 4 pixels in, with its caption below in lines of 16 pixels: on
  // a picture that narrow, each of its four fields (shot, time, face, people) on a line of its own.
  // Its box drawn green.
  const cv::Mat sheet = sheets[0].draw();
  CHECK(sheet.size() == cv::Size(64 + 8, 36 + 4 * 16 + 8));
  const cv::Vec3b on_box = sheet.at<cv::Vec3b>(4 + 16, 4 + 26);  // the box's left edge: x 0.4 * 64, y inside
  CHECK(on_box[1] > 200);
  CHECK(on_box[0] < 100);
  CHECK(sheet.at<cv::Vec3b>(4 + 1, 4 + 1) == cv::Vec3b(60, 60, 60));  // the picture itself, untouched
}

TEST_CASE("dialogue tables: speech with what was on screen, and the rate per window") {
  const metrics::DialogueSection dialogue = *test::hand_made_summary().dialogue;
  CHECK(report::to_csv(report::speech_table(dialogue)) ==
        "segment,start_time,end_time,duration,shot,on_screen,over_black_seconds,no_face_seconds,listener_seconds,"
        "speaker_visible_seconds,no_picture_seconds,voice_only_seconds\r\n"
        "1,1.000,4.000,3.000,,no_face,1.000,2.000,0.000,0.000,0.000,3.000\r\n"
        "2,14.000,16.000,2.000,,speaker_visible,0.000,0.000,0.000,2.000,0.000,0.000\r\n");
  // Segment 1 is cut where the black ends (2 s).
  CHECK(report::to_csv(report::speech_split_table(dialogue)) ==
        "piece,segment,start_time,end_time,on_screen\r\n"
        "1,1,1.000,2.000,over_black\r\n"
        "2,1,2.000,4.000,no_face\r\n"
        "3,2,14.000,16.000,speaker_visible\r\n");
  // No mouth was measured in the made-up film: the mouths table has its header only.
  const std::vector<report::Table> tables = report::dialogue_tables(dialogue);
  REQUIRE(tables.size() == 4);
  CHECK(report::to_csv(tables[3]) == "time,faces,speaking,largest_spread\r\n");
  const std::vector<report::Picture> lane = report::dialogue_pictures(dialogue, 300);
  REQUIRE(lane.size() == 1);
  CHECK(lane[0].name == "speech_lane");
  const cv::Mat drawn = lane[0].draw();
  CHECK(drawn.cols == 300);
  // 30 s over 300 pixels: speech over black at 1-2 s is dark, over a speaker at 14-16 s green,
  // silence at 10 s light.
  CHECK(drawn.at<cv::Vec3b>(5, 15) == cv::Vec3b(40, 40, 40));
  CHECK(drawn.at<cv::Vec3b>(5, 150) == cv::Vec3b(70, 170, 60));
  CHECK(drawn.at<cv::Vec3b>(5, 100) == cv::Vec3b(245, 245, 245));
  // With listener pictures, a strip of them: at most listener_strip_pictures, 4 to a row, each
  // captioned.
  metrics::DialogueSection listening = dialogue;
  for (int k = 0; k < 10; ++k)
    listening.listener_pictures.push_back({k, 2.0 * k, cv::Mat(36, 64, CV_8UC3, cv::Scalar::all(60)), {}});
  const std::vector<report::Picture> with_strip = report::dialogue_pictures(listening, 300);
  REQUIRE(with_strip.size() == 2);
  CHECK(with_strip[1].name == "listeners");
  const cv::Mat strip = with_strip[1].draw();
  CHECK(strip.cols == 4 * 64 + 5 * 4);
  CHECK(strip.rows == 2 * (36 + 2 * 16) + 3 * 4);  // "listener" and its time: two caption lines at 64 px
  CHECK(report::to_csv(report::dialogue_rate_table(dialogue)) ==
        "window,start_time,end_time,dialogue_seconds,dialogue_share,voice_only_seconds\r\n"
        "1,0.000,30.000,5.000,0.1667,3.000\r\n");
}

TEST_CASE("outputs: every analysis's tables and pictures in the order they ran, main table first") {
  const metrics::FilmSummary summary = test::hand_made_summary();
  const report::Outputs outputs = report::outputs_of(summary, {});
  REQUIRE(outputs.analyses.size() == 4);
  CHECK(outputs.analyses[0].analysis == metrics::Analysis::shots);
  REQUIRE(outputs.main_table());
  CHECK(outputs.main_table()->name == "shots");
  CHECK(outputs.analyses[3].tables.front().name == "speech");
  CHECK(outputs.summary["shots"]["shot_count"] == 3);
  CHECK(report::Outputs{}.main_table() == nullptr);
}
