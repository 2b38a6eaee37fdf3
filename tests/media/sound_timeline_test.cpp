#include <doctest/doctest.h>

#include <initializer_list>
#include <limits>

#include "herlens/media/sound_timeline.hpp"
#include "herlens/media/source.hpp"

using herlens::media::correct_sound_timeline;
using herlens::media::longest_sound_hole;
using herlens::media::longest_sound_overlap;
using herlens::media::sound_timestamp_tolerance;

TEST_CASE("sound timeline: timestamps within the tolerance of the samples' end change nothing") {
  for (const double gap : {0.0, sound_timestamp_tolerance, -sound_timestamp_tolerance, 0.001}) {
    CAPTURE(gap);
    const auto c = correct_sound_timeline(100.0, 100.0 + gap);
    CHECK(c.silence == 0);
    CHECK(c.drop == 0);
    CHECK_FALSE(c.restart);
  }
}

TEST_CASE("sound timeline: a hole is filled with silence as long as the hole, up to the longest hole") {
  auto c = correct_sound_timeline(10.0, 10.03);
  CHECK(c.silence == doctest::Approx(0.03));
  CHECK(c.drop == 0);
  CHECK_FALSE(c.restart);
  c = correct_sound_timeline(10.0, 10.0 + longest_sound_hole);
  CHECK(c.silence == doctest::Approx(longest_sound_hole));
  CHECK_FALSE(c.restart);
  // Beyond it the clock jumped rather than the sound stopping: no hour of silence, a new start.
  c = correct_sound_timeline(10.0, 10.0 + longest_sound_hole + 0.01);
  CHECK(c.silence == 0);
  CHECK(c.restart);
}

TEST_CASE("sound timeline: an overlap is dropped, up to the longest overlap, and further back restarts the timing") {
  auto c = correct_sound_timeline(10.0, 9.9);
  CHECK(c.drop == doctest::Approx(0.1));
  CHECK(c.silence == 0);
  CHECK_FALSE(c.restart);
  c = correct_sound_timeline(10.0, 10.0 - longest_sound_overlap);
  CHECK(c.drop == doctest::Approx(longest_sound_overlap));
  c = correct_sound_timeline(3600.0, 0.0);  // a clock restarted from zero
  CHECK(c.drop == 0);
  CHECK(c.restart);
}

TEST_CASE("sound timeline: a timestamp beyond a film's length is damage and changes nothing") {
  const double beyond = herlens::media::longest_film_seconds + 1;
  for (const auto& c : {correct_sound_timeline(beyond - 5, beyond), correct_sound_timeline(10.0, -beyond)}) {
    CHECK(c.silence == 0);
    CHECK(c.drop == 0);
    CHECK_FALSE(c.restart);
  }
}

TEST_CASE("sound timeline: a time that is not a number changes nothing") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const auto& c : {correct_sound_timeline(nan, 1.0), correct_sound_timeline(1.0, nan)}) {
    CHECK(c.silence == 0);
    CHECK(c.drop == 0);
    CHECK_FALSE(c.restart);
  }
}
