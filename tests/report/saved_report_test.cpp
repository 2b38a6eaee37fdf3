// A saved report read back: from its folder or from the outputs still in memory, the summary's
// metrics and timeline and every table the exports read equal what was written.
#include <doctest/doctest.h>

#include <string>

#include "herlens/error.hpp"
#include "herlens/metrics/metric_catalog.hpp"
#include "herlens/report/atomic_file.hpp"
#include "herlens/report/output_folder.hpp"
#include "herlens/report/saved_report.hpp"
#include "support/fixtures.hpp"
#include "support/summaries.hpp"

using namespace herlens;
using report::SavedReport;

namespace {

std::string input_error(const std::function<void()>& read) {
  try {
    read();
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::input) return e.what();
  }
  return "(no input error)";
}

void check_read_back(const SavedReport& saved, const metrics::FilmSummary& summary) {
  CHECK(saved.input() == "film.mkv");
  CHECK(saved.input_path() == "/films/film.mkv");
  for (const metrics::Analysis analysis : metrics::all_analyses) CHECK(saved.has(analysis));
  CHECK(saved.skipped_because(metrics::Analysis::dialogue) == "made up, for the test");
  CHECK_FALSE(saved.skipped_because(metrics::Analysis::shots));

  const auto metrics = saved.metrics();
  for (const metrics::MetricDefinition& metric : metrics::metric_catalog()) {
    CAPTURE(metric.name);
    REQUIRE(metrics.count(metric.name) == 1);
    CHECK(metrics.at(metric.name) == doctest::Approx(*metric.value(summary)));
  }

  const report::SavedTimeline timeline = saved.timeline();
  CHECK(timeline.start_offset == 0);
  CHECK(timeline.runtime == 30);
  CHECK(timeline.has_audio);
  REQUIRE(timeline.picture);
  CHECK(timeline.picture->frame_rate.num == 25);
  CHECK(timeline.picture->frame_rate.den == 1);
  CHECK_FALSE(timeline.picture->variable_frame_rate);
  CHECK(timeline.picture->average_fps() == doctest::Approx(25));
  CHECK(timeline.picture->width == 320);

  const std::vector<metrics::Shot> shots = saved.shots();
  const std::vector<metrics::Shot>& written = summary.shots->detection.shots;
  REQUIRE(shots.size() == written.size());
  for (size_t k = 0; k < shots.size(); ++k) {
    CHECK(shots[k].start_frame == written[k].start_frame);
    CHECK(shots[k].end_frame == written[k].end_frame);
    CHECK(shots[k].start_time == doctest::Approx(written[k].start_time));
    CHECK(shots[k].end_time == doctest::Approx(written[k].end_time));
    CHECK(shots[k].begins == written[k].begins);
    CHECK(shots[k].ends == written[k].ends);
  }

  const std::vector<metrics::ShotFraming> framing = saved.shot_framing();
  REQUIRE(framing.size() == 3);
  for (size_t k = 0; k < framing.size(); ++k) {
    const metrics::ShotFraming& f = summary.framing->per_shot[k];
    CHECK(framing[k].scale == f.scale);
    CHECK(framing[k].max_faces == f.max_faces);
    CHECK(framing[k].samples == f.samples);
    CHECK(framing[k].face_size.has_value() == f.face_size.has_value());
  }
  CHECK(framing[1].scale == metrics::ShotScale::cu);

  const std::vector<report::ShotFamilyShares> colours = saved.shot_colours();
  REQUIRE(colours.size() == 3);

  const std::vector<report::SavedSpeech> speech = saved.speech();
  REQUIRE(speech.size() == 2);
  CHECK(speech[0].segment.start == 1);
  CHECK(speech[0].segment.end == 4);
  CHECK(speech[0].on_screen == metrics::PictureState::no_face);  // 1 s over black, 2 s over no face
  CHECK(speech[0].seconds.black == doctest::Approx(1));
  CHECK(speech[0].seconds.no_face == doctest::Approx(2));
  CHECK(speech[1].on_screen == metrics::PictureState::speaker);
}

}  // namespace

TEST_CASE("saved report: outputs in memory read back as what was written") {
  const metrics::FilmSummary summary = test::hand_made_summary();
  check_read_back(SavedReport::of(report::outputs_of(summary, {})), summary);
}

TEST_CASE("saved report: a report folder reads back the same, decoding nothing") {
  const metrics::FilmSummary summary = test::hand_made_summary();
  test::ScratchDir dir;
  report::OutputFolder(dir / "report", report::OutputFolder::Mode::replace).write(report::outputs_of(summary, {}));
  check_read_back(SavedReport::read(dir / "report"), summary);
}

TEST_CASE("saved report: what is not a report, or a damaged one, is an input error naming the file") {
  test::ScratchDir dir;
  CHECK(input_error([&] { SavedReport::read(dir / "nowhere"); }).find("no such folder") != std::string::npos);
  report::write_file_atomically(dir / "film.mkv", "not a folder");
  CHECK(input_error([&] { SavedReport::read(dir / "film.mkv"); }).find("not a folder") != std::string::npos);
  CHECK(input_error([&] { SavedReport::read(dir.path()); }).find("no readable summary.json") != std::string::npos);
  report::write_file_atomically(dir / "summary.json", "[1, 2]");
  CHECK(input_error([&] { SavedReport::read(dir.path()); }).find("not a herlens summary") != std::string::npos);

  // A summary alone still gives its metrics (herlens check --from), but no tables.
  report::write_file_atomically(dir / "summary.json", R"({"metrics": {"blue_share": {"value": 0.01}}})");
  const SavedReport bare = SavedReport::read(dir.path());
  CHECK(bare.metrics().at("blue_share") == 0.01);
  CHECK_FALSE(bare.has(metrics::Analysis::shots));
  CHECK(input_error([&] { bare.timeline(); }).find("run herlens report again") != std::string::npos);
  CHECK(input_error([&] { bare.shots(); }).find("shots.csv: cannot read it") != std::string::npos);

  report::write_file_atomically(
      dir / "summary.json",
      R"({"metrics": {}, "runtime": {"seconds": 2}, "decode": {"audio_seconds": 0, "video_frames": 50},)"
      R"( "timeline": {"start_offset_seconds": 0, "has_audio": false, "frame_rate": "25/x", "variable_frame_rate": false,)"
      R"( "first_picture_seconds": 0, "width": 4, "height": 4}})");
  CHECK(input_error([&] { SavedReport::read(dir.path()).timeline(); }).find("frame_rate '25/x' is not a ratio") !=
        std::string::npos);
  report::write_file_atomically(dir / "shots.csv", "shot,start_frame,end_frame,start_time,end_time,duration,"
                                                   "transition,transition_out,content\r\n"
                                                   "1,0,50,0.000,2.000,2.000,start,cut,picture\r\n"
                                                   "2,50,x,2.000,3.000,1.000,cut,end,blank\r\n");
  CHECK(input_error([&] { bare.shots(); }).find("shots.csv line 3: end_frame is not a number ('x')") != std::string::npos);
  report::write_file_atomically(dir / "shots.csv", "shot,start_frame\r\n1,0\r\n");
  CHECK(input_error([&] { bare.shots(); }).find("no column end_frame") != std::string::npos);
  report::write_file_atomically(dir / "speech.csv", "segment,start_time,end_time,duration,shot,on_screen,"
                                                    "over_black_seconds,no_face_seconds,listener_seconds,"
                                                    "speaker_visible_seconds,no_picture_seconds,voice_only_seconds\r\n"
                                                    "1,1.0,2.0,1.0,,mumble,0,0,0,1,0,0\r\n");
  CHECK(input_error([&] { bare.speech(); }).find("'mumble' is not a name herlens writes there") != std::string::npos);
}
