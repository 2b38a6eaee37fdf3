// Shot lists given instead of detected (--shots): both formats read from text, every refusal, and
// the shots a list gives a film of known frame times.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "herlens/error.hpp"
#include "herlens/metrics/shot_list.hpp"

using herlens::metrics::ListedShot;
using herlens::metrics::parse_shot_list;
using herlens::metrics::ShotEnd;
using herlens::metrics::ShotListFormat;
using herlens::metrics::ShotStart;
using herlens::metrics::TransitionKind;
using herlens::metrics::ShotDetection;
using herlens::metrics::shots_from_list;

namespace {

std::vector<std::vector<int64_t>> frames_of(const herlens::metrics::ShotList& list) {
  std::vector<std::vector<int64_t>> frames;
  for (const ListedShot& shot : list.shots) frames.push_back({shot.start_frame, shot.end_frame, shot.line});
  return frames;
}

// The message parse_shot_list refuses `text` with (and that it is a usage error).
std::string refusal(const std::string& text) {
  try {
    parse_shot_list(text, "list.csv");
  } catch (const herlens::Error& e) {
    CHECK(e.kind() == herlens::ErrorKind::usage);
    return e.what();
  }
  FAIL("accepted: " << text);
  return "";
}

const std::string herlens_header = "shot,start_frame,end_frame,start_time,end_time,duration,transition,transition_out\n";
const std::string pyscenedetect_header =
    "Scene Number,Start Frame,Start Timecode,Start Time (seconds),End Frame,End Timecode,End Time (seconds),"
    "Length (frames),Length (timecode),Length (seconds)\n";

}  // namespace

TEST_CASE("shot list: herlens' shots.csv, 0-based, its transitions read") {
  const auto list = parse_shot_list(herlens_header +
                                        "1,0,50,0.000,2.000,2.000,start,dissolve\n"
                                        "2,50,100,2.000,4.000,2.000,dissolve,fade_out\n"
                                        "3,100,150,4.000,6.000,2.000,fade_in,end\n",
                                    "shots.csv");
  CHECK(list.format == ShotListFormat::herlens);
  CHECK(list.file == "shots.csv");
  CHECK(list.sha256.size() == 64);
  CHECK(frames_of(list) == std::vector<std::vector<int64_t>>{{0, 50, 2}, {50, 100, 3}, {100, 150, 4}});
  CHECK(list.shots[0].begins == ShotStart::start);
  CHECK(list.shots[1].begins == ShotStart::dissolve);
  CHECK(list.shots[2].begins == ShotStart::fade_in);
  CHECK_FALSE(list.shots[0].fades_out);
  CHECK(list.shots[1].fades_out);
  CHECK_FALSE(list.shots[2].fades_out);
}

TEST_CASE("shot list: edited by hand: BOM, CRLF, extra and reordered columns, blank lines, rows out of order") {
  const auto list = parse_shot_list(
      "\xEF\xBB\xBF"
      "note, End_Frame ,start_frame\r\n"
      "second shot,120,60\r\n"
      "\r\n"
      "\"opening, kept\",60,0\r\n"
      "last,200,130\r\n",
      "edited.csv");
  CHECK(list.format == ShotListFormat::herlens);
  CHECK(frames_of(list) == std::vector<std::vector<int64_t>>{{0, 60, 4}, {60, 120, 2}, {130, 200, 5}});
  for (const ListedShot& shot : list.shots) CHECK(shot.begins == ShotStart::cut);  // no transition column
}

TEST_CASE("shot list: PySceneDetect's list-scenes, 1-based with inclusive ends, with and without its cut list") {
  const std::string scenes =
      "1,1,00:00:00.000,0.000,40,00:00:01.600,1.600,40,00:00:01.600,1.600\n"
      "2,41,00:00:01.600,1.600,100,00:00:04.000,4.000,60,00:00:02.400,2.400\n"
      "3,101,00:00:04.000,4.000,101,00:00:04.040,4.040,1,00:00:00.040,0.040\n";
  const auto with_cuts =
      parse_shot_list("Timecode List:,00:00:01.600,00:00:04.000\r\n" + pyscenedetect_header + scenes, "video-Scenes.csv");
  CHECK(with_cuts.format == ShotListFormat::pyscenedetect);
  CHECK(frames_of(with_cuts) == std::vector<std::vector<int64_t>>{{0, 40, 3}, {40, 100, 4}, {100, 101, 5}});
  const auto skipped_cuts = parse_shot_list(pyscenedetect_header + scenes, "video-Scenes.csv");  // list-scenes -s
  CHECK(frames_of(skipped_cuts) == std::vector<std::vector<int64_t>>{{0, 40, 2}, {40, 100, 3}, {100, 101, 4}});
}

TEST_CASE("shot list: refusals name the file and line") {
  CHECK(refusal("frame,time\n0,0.0\n").find("list.csv: not a shot list: no header with start_frame and end_frame") ==
        0);
  CHECK(refusal("").find("not a shot list") != std::string::npos);
  CHECK(refusal("junk line\njunk,again\n" + herlens_header + "1,0,50\n").find("not a shot list") !=
        std::string::npos);  // herlens' header only on the first line
  CHECK(refusal(herlens_header) == "list.csv: no shots listed");
  CHECK(refusal(herlens_header + "1,0,50\n2,fifty,100\n") == "list.csv line 3: start_frame 'fifty' is not a frame number");
  CHECK(refusal(herlens_header + "1,0,12.5\n") == "list.csv line 2: end_frame '12.5' is not a frame number");
  CHECK(refusal(herlens_header + "1,0,\n") == "list.csv line 2: end_frame '' is not a frame number");
  CHECK(refusal(herlens_header + "1,0\n") == "list.csv line 2: no end_frame");
  CHECK(refusal(herlens_header + "1,-5,50\n") == "list.csv line 2: start_frame -5 is negative");
  CHECK(refusal(herlens_header + "1,50,50\n") == "list.csv line 2: end_frame 50 is not after start_frame 50");
  CHECK(refusal(herlens_header + "1,0,50,0,2,2,wipe\n") ==
        "list.csv line 2: transition 'wipe' is not one of start, cut, dissolve, fade_in, fade_out");
  CHECK(refusal(herlens_header + "1,0,50,0,2,2,cut,iris\n") ==
        "list.csv line 2: transition_out 'iris' is not one of cut, dissolve, fade_out, fade_in, end");
  CHECK(refusal(herlens_header + "1,0,60\n2,50,100\n") == "list.csv line 3: the shot overlaps the one on line 2");
  CHECK(refusal(herlens_header + "2,50,100\n1,0,60\n") == "list.csv line 2: the shot overlaps the one on line 3");
  CHECK(refusal(herlens_header + "1,0,50\n2,0,50\n") == "list.csv line 3: the shot overlaps the one on line 2");
  CHECK(refusal(pyscenedetect_header + "1,0,00:00:00.000,0.000,40\n")
            .starts_with("list.csv line 2: Start Frame 0: PySceneDetect numbers frames from 1"));
  CHECK(refusal(pyscenedetect_header + "1,41,00:00:00.000,0.000,40\n") ==
        "list.csv line 2: End Frame 40 is before Start Frame 41");
}

TEST_CASE("shots from a list: boundaries only, timed by the frames, first from frame 0, last to the end") {
  // Six frames 0.1 s apart, then four 0.2 s apart (variable frame rate): the times are the frames'.
  const std::vector<double> times{0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9, 1.1, 1.3};
  // The list starts late, leaves a gap (frames 4-5) and ends early: only frames 4, 6 and 8 count.
  const auto list = parse_shot_list(herlens_header +
                                        "1,2,4,,,,fade_in\n"
                                        "2,4,5,,,,start\n"
                                        "3,6,8,,,,dissolve,fade_out\n"
                                        "4,8,9,,,,cut,fade_out\n",
                                    "list.csv");
  const auto detection = herlens::metrics::shots_from_list(list, times, 1.5);
  REQUIRE(detection.shots.size() == 4);
  const std::vector<std::vector<int64_t>> expected{{0, 4}, {4, 6}, {6, 8}, {8, 10}};
  for (size_t k = 0; k < expected.size(); ++k) {
    CAPTURE(k);
    CHECK(detection.shots[k].start_frame == expected[k][0]);
    CHECK(detection.shots[k].end_frame == expected[k][1]);
  }
  CHECK(detection.shots[0].start_time == 0);
  CHECK(detection.shots[1].start_time == doctest::Approx(0.4));
  CHECK(detection.shots[2].start_time == doctest::Approx(0.7));
  CHECK(detection.shots[2].duration() == doctest::Approx(0.4));
  CHECK(detection.shots[3].end_time == doctest::Approx(1.5));
  CHECK(detection.end_time == doctest::Approx(1.5));
  CHECK(detection.shots[0].begins == ShotStart::fade_in);  // the opening keeps a fade in
  CHECK(detection.shots[1].begins == ShotStart::cut);      // "start" inside the film is a cut
  CHECK(detection.shots[2].begins == ShotStart::dissolve);
  CHECK(detection.shots[0].ends == ShotEnd::cut);
  CHECK(detection.shots[1].ends == ShotEnd::dissolve);
  CHECK(detection.shots[2].ends == ShotEnd::fade_out);  // as listed, before the cut
  CHECK(detection.shots[3].ends == ShotEnd::fade_out);  // the film fades out
  // Each transition at its boundary, a fade out at the end of its shot, in frame order.
  const std::vector<std::pair<TransitionKind, int64_t>> transitions{{TransitionKind::cut, 4},
                                                                    {TransitionKind::dissolve, 6},
                                                                    {TransitionKind::fade_out, 8},
                                                                    {TransitionKind::cut, 8},
                                                                    {TransitionKind::fade_out, 10}};
  REQUIRE(detection.transitions.size() == transitions.size());
  for (size_t k = 0; k < transitions.size(); ++k) {
    CAPTURE(k);
    const auto& t = detection.transitions[k];
    CHECK(t.kind == transitions[k].first);
    CHECK(t.start_frame == transitions[k].second);
    CHECK(t.end_frame == transitions[k].second);
    CHECK(t.boundary_frame == (t.kind == TransitionKind::fade_out ? -1 : transitions[k].second));
  }
  CHECK(detection.transitions[1].start_time == doctest::Approx(0.7));
  CHECK(detection.transitions[4].start_time == doctest::Approx(1.5));
  CHECK(detection.decisions.empty());
}

TEST_CASE("shots from a list: blank stretches and the fades around them, as herlens writes them") {
  const std::string header =
      "shot,start_frame,end_frame,start_time,end_time,duration,transition,transition_out,content,confidence\n";
  const auto list = parse_shot_list(header +
                                        "1,0,100,0,4,4,start,fade_out,picture,\n"
                                        "2,100,124,4,4.96,0.96,fade_out,fade_in,blank,0.9\n"
                                        "3,124,200,4.96,8,3.04,fade_in,end,picture,0.9\n",
                                    "list.csv");
  std::vector<double> times(200);
  for (size_t i = 0; i < times.size(); ++i) times[i] = double(i) / 25;
  const ShotDetection detection = shots_from_list(list, times, 8);
  REQUIRE(detection.shots.size() == 3);
  CHECK_FALSE(detection.shots[0].blank);
  CHECK(detection.shots[0].ends == ShotEnd::fade_out);
  CHECK(detection.shots[1].blank);
  CHECK(detection.shots[1].begins == ShotStart::fade_out);
  CHECK(detection.shots[1].ends == ShotEnd::fade_in);
  CHECK(detection.shots[2].begins == ShotStart::fade_in);
  REQUIRE(detection.transitions.size() == 2);
  CHECK(detection.transitions[0].kind == TransitionKind::fade_out);
  CHECK(detection.transitions[0].boundary_frame == 100);
  CHECK(detection.transitions[1].kind == TransitionKind::fade_in);
  CHECK(detection.transitions[1].boundary_frame == 124);
  for (const auto& t : detection.transitions) CHECK(t.confidence == 1);  // as sure as the one who listed it
  CHECK_THROWS_WITH_AS(parse_shot_list(header + "1,0,100,0,4,4,start,end,grey,\n", "list.csv"),
                       "list.csv line 2: content 'grey' is not one of picture, blank", herlens::Error);
}

TEST_CASE("shots from a list: a shot beyond the film's frames is refused, naming its line") {
  const auto list = parse_shot_list(herlens_header + "1,0,5\n2,5,11\n", "list.csv");
  const std::vector<double> ten_frames{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  try {
    herlens::metrics::shots_from_list(list, ten_frames, 10);
    FAIL("accepted");
  } catch (const herlens::Error& e) {
    CHECK(e.kind() == herlens::ErrorKind::usage);
    CHECK(std::string(e.what()).starts_with("list.csv line 3: the shot ends at frame 11, beyond the film's 10 frames"));
  }
  CHECK(herlens::metrics::shots_from_list(parse_shot_list(herlens_header + "1,0,10\n", "l"), ten_frames, 10)
            .shots.size() == 1);
}
