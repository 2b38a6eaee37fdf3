#include <doctest/doctest.h>

#include <initializer_list>
#include <limits>

#include "herlens/media/sound_timeline.hpp"
#include "herlens/media/source.hpp"

using herlens::media::correct_sound_timeline;
using herlens::media::longest_sound_hole;
using herlens::media::longest_sound_overlap;
using herlens::media::sound_timestamp_tolerance;
using herlens::media::SoundTimelineCorrection;

namespace {

// An expected 0 is checked exactly: no silence inserted or sound dropped at all.
void check_seconds(double seen, double expected) {
  if (expected == 0) CHECK(seen == 0);
  else CHECK(seen == doctest::Approx(expected));
}

void check_correction(const SoundTimelineCorrection& c, double silence, double drop, bool restart) {
  check_seconds(c.silence, silence);
  check_seconds(c.drop, drop);
  CHECK(c.restart == restart);
}

}  // namespace

TEST_CASE("sound timeline: timestamps within the tolerance of the samples' end change nothing") {
  for (const double gap : {0.0, sound_timestamp_tolerance, -sound_timestamp_tolerance, 0.001}) {
    CAPTURE(gap);
    check_correction(correct_sound_timeline(100.0, 100.0 + gap), 0, 0, false);
  }
}

TEST_CASE("sound timeline: a hole is filled with silence as long as the hole, up to the longest hole") {
  check_correction(correct_sound_timeline(10.0, 10.03), 0.03, 0, false);
  check_correction(correct_sound_timeline(10.0, 10.0 + longest_sound_hole), longest_sound_hole, 0, false);
  // Beyond it the clock jumped rather than the sound stopping: no hour of silence, a new start.
  check_correction(correct_sound_timeline(10.0, 10.0 + longest_sound_hole + 0.01), 0, 0, true);
}

TEST_CASE("sound timeline: an overlap is dropped, up to the longest overlap, and further back restarts the timing") {
  check_correction(correct_sound_timeline(10.0, 9.9), 0, 0.1, false);
  check_correction(correct_sound_timeline(10.0, 10.0 - longest_sound_overlap), 0, longest_sound_overlap, false);
  check_correction(correct_sound_timeline(3600.0, 0.0), 0, 0, true);  // a clock restarted from zero
}

TEST_CASE("sound timeline: a timestamp beyond a film's length is damage and changes nothing") {
  const double beyond = herlens::media::longest_film_seconds + 1;
  check_correction(correct_sound_timeline(beyond - 5, beyond), 0, 0, false);
  check_correction(correct_sound_timeline(10.0, -beyond), 0, 0, false);
}

TEST_CASE("sound timeline: a time that is not a number changes nothing") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  check_correction(correct_sound_timeline(nan, 1.0), 0, 0, false);
  check_correction(correct_sound_timeline(1.0, nan), 0, 0, false);
}
