#include "herlens/metrics/voice_only.hpp"

#include <doctest/doctest.h>

#include <vector>

#include "herlens/error.hpp"

namespace {

using herlens::metrics::FaceSample;
using herlens::metrics::PictureState;
using herlens::metrics::SpeechSegment;
using herlens::metrics::TimeInterval;
namespace metrics = herlens::metrics;

// Picture from 0 to 20 s, black during [0, 5) and [12, 13). Faces seen from 6 s to 10 s and from
// 14 s on, their mouths not measured (so they may be speaking), so the states run: black 0-5,
// no_face 5-6, speaker 6-10, no_face 10-12, black 12-13, no_face 13-14, speaker 14-20 (the face at
// 12 s is hidden by the black).
const std::vector<TimeInterval> black{{0, 5}, {12, 13}};
const std::vector<FaceSample> faces{{0, 0}, {6, 1}, {10, 0}, {12, 1}, {13, 0}, {14, 2}, {17, 1}};

metrics::PictureTimeline timeline_with_faces() {
  return metrics::picture_timeline(0, 20, black, std::span<const FaceSample>(faces));
}

void check_interval(const TimeInterval& interval, double start, double end) {
  CHECK(interval.start == doctest::Approx(start));
  CHECK(interval.end == doctest::Approx(end));
}

}  // namespace

TEST_CASE("voice only: the picture timeline holds each face sample until the next, black first") {
  const auto timeline = timeline_with_faces();
  const std::vector<std::pair<double, PictureState>> expected{
      {0, PictureState::black}, {5, PictureState::no_face}, {6, PictureState::speaker}, {10, PictureState::no_face},
      {12, PictureState::black}, {13, PictureState::no_face}, {14, PictureState::speaker}};
  REQUIRE(timeline.spans.size() == expected.size());
  for (size_t k = 0; k < expected.size(); ++k) {
    CAPTURE(k);
    CHECK(timeline.spans[k].start == expected[k].first);
    CHECK(timeline.spans[k].end == (k + 1 < expected.size() ? expected[k + 1].first : 20));
    CHECK(timeline.spans[k].state == expected[k].second);
  }
  CHECK(timeline.at(12.5) == PictureState::black);
  CHECK(timeline.at(16) == PictureState::speaker);
  CHECK(timeline.at(-1) == PictureState::no_picture);  // before the picture starts
  CHECK(timeline.at(20) == PictureState::no_picture);  // after it ends
}

TEST_CASE("voice only: a segment splits into black, no_face and face seconds, on_screen is the majority") {
  const auto timeline = timeline_with_faces();
  const auto split = metrics::split_by_picture({4, 8}, timeline);
  CHECK(split.black == doctest::Approx(1));
  CHECK(split.no_face == doctest::Approx(1));
  CHECK(split.speaker == doctest::Approx(2));
  CHECK(split.picture == 0);
  CHECK(split.majority() == PictureState::speaker);
  CHECK(split.voice_only() == doctest::Approx(2));

  const auto dark = metrics::split_by_picture({11, 13.5}, timeline);
  CHECK(dark.no_face == doctest::Approx(1.5));
  CHECK(dark.black == doctest::Approx(1));
  CHECK(dark.majority() == PictureState::no_face);

  // Past the end of the picture there is no picture, which is not black.
  const auto past_end = metrics::split_by_picture({19, 22}, timeline);
  CHECK(past_end.speaker == doctest::Approx(1));
  CHECK(past_end.no_picture == doctest::Approx(2));
  CHECK(past_end.black == 0);
  CHECK(past_end.voice_only() == 0);
  CHECK(past_end.majority() == PictureState::no_picture);

  // Ties go to the first of black, no_face, face.
  CHECK(metrics::split_by_picture({4, 6}, timeline).majority() == PictureState::black);
}

TEST_CASE("voice only: voice-only parts are the black and no-face pieces of the segments, merged") {
  const std::vector<SpeechSegment> segments{{4, 8}, {11, 13.5}, {13.5, 15}, {19, 22}};
  const auto parts = metrics::voice_only_parts(segments, timeline_with_faces());
  REQUIRE(parts.size() == 2);
  check_interval(parts[0], 4, 6);
  check_interval(parts[1], 11, 14);  // two touching segments: one stretch; after the picture: none
}

TEST_CASE("voice only: faces whose mouths were measured are listeners unless one of them speaks") {
  // 0-4 s: two faces, none speaking (a listener); 4-8 s: two faces, one speaking; 8-10 s: one face,
  // not measured; 10-12 s: no face.
  const std::vector<FaceSample> samples{{0, 2, 0}, {4, 2, 1}, {8, 1, std::nullopt}, {10, 0, 0}};
  const std::vector<TimeInterval> none;
  const auto timeline = metrics::picture_timeline(0, 12, none, std::span<const FaceSample>(samples));
  const auto split = metrics::split_by_picture({1, 11}, timeline);
  CHECK(split.listener == doctest::Approx(3));
  CHECK(split.speaker == doctest::Approx(4 + 2));
  CHECK(split.no_face == doctest::Approx(1));
  CHECK(split.voice_only() == doctest::Approx(4));
  CHECK(split.faceless() == doctest::Approx(1));
  CHECK(split.majority() == PictureState::speaker);
  CHECK(metrics::name(PictureState::listener) == "listener");
  CHECK(metrics::name(PictureState::speaker) == "speaker_visible");
  CHECK(metrics::name(PictureState::black) == "over_black");
  const std::vector<SpeechSegment> segments{{1, 11}};
  const auto parts = metrics::voice_only_parts(segments, timeline);
  REQUIRE(parts.size() == 2);
  check_interval(parts[0], 1, 4);
  check_interval(parts[1], 10, 11);
}

TEST_CASE("voice only: a face seen speaking anywhere in a line speaks through it, within its shot") {
  // One shot's face at 0, 1 and 2 s (bursts of 0.3 s), listening at 0 and 2 s but speaking at 1 s;
  // another shot from 3 s, listening; no face at 5 s; a face from 6 s speaking in a burst that ends
  // at 6.3 s, listening at 7 s.
  std::vector<FaceSample> samples{{0, 1, 0}, {1, 1, 1}, {2, 1, 0}, {3, 1, 0}, {5, 0}, {6, 1, 1}, {7, 1, 0}};
  for (FaceSample& sample : samples) sample.burst_end = sample.time + 0.3;
  samples[0].new_picture = samples[3].new_picture = true;
  // A line 0.2-3.5 s (across the cut at 3 s), one 4.8-5.5 s over no face, one 6.5-8 s that starts
  // after the speaking burst ended (another's voice answering).
  const std::vector<SpeechSegment> segments{{0.2, 3.5}, {4.8, 5.5}, {6.5, 8}};
  const std::vector<TimeInterval> spoken = metrics::lines_spoken_on_screen(samples, segments, 20);
  REQUIRE(spoken.size() == 1);
  check_interval(spoken[0], 0.2, 3.0);  // the first shot's part of the line; not past the cut

  // Black still wins (1.5-2 s); the listening samples at 0 and 2 s no longer decide their seconds.
  const std::vector<TimeInterval> dark{{1.5, 2}};
  const auto timeline = metrics::picture_timeline(0, 20, dark, std::span<const FaceSample>(samples), spoken);
  const auto line = metrics::split_by_picture(segments[0], timeline);
  CHECK(line.speaker == doctest::Approx(2.3));
  CHECK(line.black == doctest::Approx(0.5));
  CHECK(line.listener == doctest::Approx(0.5));  // 3-3.5 s, the other shot's listener
  const auto faceless = metrics::split_by_picture(segments[1], timeline);
  CHECK(faceless.listener == doctest::Approx(0.2));  // the other shot's sample holds until 5 s
  CHECK(faceless.no_face == doctest::Approx(0.5));
  const auto answer = metrics::split_by_picture(segments[2], timeline);
  CHECK(answer.speaker == doctest::Approx(0.5));  // the speaking sample's own second, as before
  CHECK(answer.listener == doctest::Approx(1.0));

  // A burst reaching into the line's start counts; a run with no face between breaks it.
  const std::vector<FaceSample> late{{0, 1, 1}, {1, 0}, {2, 1, 0}};
  const std::vector<SpeechSegment> starts{{0.25, 2.5}};
  std::vector<FaceSample> with_bursts = late;
  for (FaceSample& sample : with_bursts) sample.burst_end = sample.time + 0.3;
  const auto reached = metrics::lines_spoken_on_screen(with_bursts, starts, 3);
  REQUIRE(reached.size() == 1);
  check_interval(reached[0], 0.25, 1);
  CHECK(metrics::lines_spoken_on_screen(late, starts, 3).empty());  // bursts of one picture at 0 s
}

TEST_CASE("voice only: without faces, only black is voice-only and the rest is `picture`") {
  const auto timeline = metrics::picture_timeline(0, 20, black, std::nullopt);
  CHECK_FALSE(timeline.faces_checked);
  REQUIRE(timeline.spans.size() == 4);
  const auto split = metrics::split_by_picture({4, 8}, timeline);
  CHECK(split.black == doctest::Approx(1));
  CHECK(split.picture == doctest::Approx(3));
  CHECK(split.no_face + split.speaker + split.listener == 0);
  CHECK(split.majority() == PictureState::picture);
  const std::vector<SpeechSegment> segments{{4, 8}};
  const auto parts = metrics::voice_only_parts(segments, timeline);
  REQUIRE(parts.size() == 1);
  check_interval(parts[0], 4, 5);
}

TEST_CASE("voice only: covered seconds and dialogue per window") {
  const std::vector<TimeInterval> speech{{10, 70}, {290, 310}, {350, 360}};
  CHECK(metrics::covered_seconds(0, 400, speech) == doctest::Approx(90));
  CHECK(metrics::covered_seconds(60, 300, speech) == doctest::Approx(20));
  CHECK(metrics::covered_seconds(70, 290, speech) == 0);

  const std::vector<TimeInterval> voice_only{{295, 305}};
  const auto windows = metrics::dialogue_per_window(speech, std::span<const TimeInterval>(voice_only), 400, 300);
  REQUIRE(windows.size() == 2);
  CHECK(windows[0].end_time == 300);
  CHECK(windows[0].speech_seconds == doctest::Approx(70));
  CHECK(*windows[0].voice_only_seconds == doctest::Approx(5));
  CHECK(windows[1].start_time == 300);
  CHECK(windows[1].end_time == 400);  // the last window is shorter
  CHECK(windows[1].speech_seconds == doctest::Approx(20));
  CHECK_FALSE(metrics::dialogue_per_window(speech, std::nullopt, 400, 300)[0].voice_only_seconds);
}

TEST_CASE("voice only: bad inputs are refused with a usage error") {
  const std::vector<TimeInterval> none;
  const std::vector<FaceSample> negative{{0, -1}};
  CHECK_THROWS_AS(metrics::picture_timeline(0, 1, none, std::span<const FaceSample>(negative)), herlens::Error);
  const std::vector<FaceSample> more_speakers{{0, 1, 2}};
  CHECK_THROWS_AS(metrics::picture_timeline(0, 1, none, std::span<const FaceSample>(more_speakers)), herlens::Error);
  CHECK_THROWS_AS(metrics::picture_timeline(2, 1, none, std::nullopt), herlens::Error);
  CHECK_THROWS_AS(metrics::dialogue_per_window(none, std::nullopt, 10, 0), herlens::Error);
}
