// Shot-length statistics on shot lists with known answers.
#include <doctest/doctest.h>

#include <cmath>

#include "herlens/error.hpp"
#include "support/shots.hpp"
#include "herlens/metrics/shot_stats.hpp"

using herlens::metrics::Shot;
using herlens::test::shots_of;

TEST_CASE("shot stats: mean, median, deviation, extremes and cutting rate") {
  const auto shots = shots_of({2, 8, 4, 6});
  const auto stats = herlens::metrics::shot_stats(shots);
  CHECK(stats.shot_count == 4);
  CHECK(stats.total_seconds == doctest::Approx(20));
  CHECK(stats.asl_seconds == doctest::Approx(5));
  CHECK(stats.msl_seconds == doctest::Approx(5));  // even count: mean of the middle two
  CHECK(stats.stdev_seconds == doctest::Approx(std::sqrt(20.0 / 3)));
  CHECK(stats.shortest_seconds == doctest::Approx(2));
  CHECK(stats.longest_seconds == doctest::Approx(8));
  CHECK(stats.cuts_per_minute == doctest::Approx(3 / (20.0 / 60)));
  CHECK(herlens::metrics::shot_stats(shots_of({1, 9, 2})).msl_seconds == doctest::Approx(2));
}

TEST_CASE("shot stats: one shot, no shots") {
  const auto one = herlens::metrics::shot_stats(shots_of({7}));
  CHECK(one.stdev_seconds == 0);
  CHECK(one.cuts_per_minute == 0);
  CHECK(herlens::metrics::shot_stats({}).shot_count == 0);
}

TEST_CASE("shot stats: longest takes, longest first, earlier first among equals") {
  const auto shots = shots_of({3, 9, 1, 9, 5, 2, 4});
  const auto takes = herlens::metrics::longest_takes(shots, 4);
  CHECK(takes == std::vector<size_t>{1, 3, 4, 6});
  CHECK(herlens::metrics::longest_takes(shots, 20).size() == shots.size());
}

TEST_CASE("shot stats: blank stretches are no shots, but count in running time") {
  // A 5 s shot, 30 s of black, a 5 s shot, 10 s of black at the end: two shots, one change.
  auto shots = shots_of({5, 30, 5, 10});
  shots[1].blank = shots[3].blank = true;
  const auto stats = herlens::metrics::shot_stats(shots);
  CHECK(stats.shot_count == 2);
  CHECK(stats.asl_seconds == doctest::Approx(5));
  CHECK(stats.longest_seconds == doctest::Approx(5));
  CHECK(stats.total_seconds == doctest::Approx(50));
  CHECK(stats.cuts_per_minute == doctest::Approx(1 / (50.0 / 60)));
  CHECK(herlens::metrics::long_take_count(shots) == 0);  // 30 s of black is no long take
  CHECK(herlens::metrics::longest_takes(shots, 5) == std::vector<size_t>{0, 2});
  const auto windows = herlens::metrics::cutting_rate(shots, 60);
  REQUIRE(windows.size() == 1);
  CHECK(windows[0].shot_changes == 1);
}

TEST_CASE("shot stats: cutting rate per window") {
  // Shot starts at 0, 30, 50, 70, 130, 140; ends at 150 s. Two-minute windows: [0,120) holds
  // three changes, [120,150) two.
  const auto shots = shots_of({30, 20, 20, 60, 10, 10});
  const auto windows = herlens::metrics::cutting_rate(shots, 120);
  REQUIRE(windows.size() == 2);
  CHECK(windows[0].shot_changes == 3);
  CHECK(windows[0].cuts_per_minute == doctest::Approx(1.5));
  CHECK(windows[1].start_time == doctest::Approx(120));
  CHECK(windows[1].end_time == doctest::Approx(150));
  CHECK(windows[1].shot_changes == 2);
  CHECK(windows[1].cuts_per_minute == doctest::Approx(4));
  CHECK_THROWS_AS(herlens::metrics::cutting_rate(shots, 0), herlens::Error);
}

TEST_CASE("shots section: statistics, long takes, transition counts and cutting rate from one detection") {
  herlens::metrics::ShotDetection detection;
  detection.shots = shots_of({25, 4, 21, 6});
  using herlens::metrics::TransitionKind;
  detection.transitions = {{TransitionKind::cut, 725, 725, 725, 29, 29},
                           {TransitionKind::dissolve, 800, 820, 810, 32, 32.8},
                           {TransitionKind::cut, 1350, 1350, 1350, 54, 54}};
  herlens::metrics::ShotsParams params;
  params.window_minutes = 0.5;
  params.longest_takes = 2;
  const auto section = herlens::metrics::summarise_shots(detection, {}, {}, params);
  CHECK(section.stats.shot_count == 4);
  CHECK(section.long_take_count == 2);  // 25 s and 21 s; 20 s or more is a long take
  CHECK(section.longest_takes == std::vector<size_t>{0, 2});
  CHECK(section.transition_counts[size_t(TransitionKind::cut)] == 2);
  CHECK(section.transition_counts[size_t(TransitionKind::dissolve)] == 1);
  CHECK(section.transition_counts[size_t(TransitionKind::fade_in)] == 0);
  REQUIRE(section.cutting_rate.size() == 2);  // 56 s in 30-second windows
  CHECK(section.cutting_rate[0].shot_changes == 2);  // at 25 s and 29 s
  CHECK(section.window_minutes == 0.5);
  params.window_minutes = 0;
  CHECK_THROWS_AS(herlens::metrics::summarise_shots(detection, {}, {}, params), herlens::Error);
}
