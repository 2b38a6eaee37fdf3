// The dialogue section: speech joined with the picture's state, totals and shares, per window.
#include <doctest/doctest.h>

#include <vector>

#include "herlens/error.hpp"
#include "herlens/metrics/dialogue.hpp"

using namespace herlens::metrics;

namespace {

// 20 s of picture, black for the first 4 s; a face on screen from 10 s.
const PictureLevels picture{0, 20, {{0, 4}}};
const std::vector<FaceSample> faces{{0, 0}, {10, 1}};
// Speech 2-6 s (half over black, half over no face) and 12-14 s (over a face).
SpeechObservations speech() { return {{{2, 6}, {12, 14}}, 20}; }

}  // namespace

TEST_CASE("dialogue section: over black, no face and face, summed and shared") {
  const DialogueSection s = summarise_dialogue(speech(), picture, faces, {});
  CHECK(s.dialogue_seconds == doctest::Approx(6));
  CHECK(s.runtime == 20);
  CHECK(s.dialogue_share == doctest::Approx(0.3));
  REQUIRE(s.on_screen.size() == 2);
  CHECK(s.on_screen[0].black == doctest::Approx(2));
  CHECK(s.on_screen[0].no_face == doctest::Approx(2));
  CHECK(s.on_screen[1].face == doctest::Approx(2));
  CHECK(s.split.voice_only() == doctest::Approx(4));
  CHECK(s.voice_only_share == doctest::Approx(4.0 / 6));
  CHECK(s.longest_voice_only_seconds == doctest::Approx(4));  // 2-6 s, black then no face, is one stretch
  REQUIRE(s.windows.size() == 1);
  CHECK(s.windows[0].voice_only_seconds.value() == doctest::Approx(4));
  CHECK(s.windows[0].speech_share() == doctest::Approx(0.3));
}

TEST_CASE("dialogue section: without a picture, no voice-only figures and the sound's length") {
  const DialogueSection s = summarise_dialogue(speech(), std::nullopt, std::nullopt, {});
  CHECK_FALSE(s.picture);
  CHECK(s.on_screen.empty());
  CHECK(s.voice_only.empty());
  CHECK(s.runtime == 20);
  REQUIRE(s.windows.size() == 1);
  CHECK_FALSE(s.windows[0].voice_only_seconds);
  CHECK_THROWS_AS(summarise_dialogue(speech(), std::nullopt, std::nullopt, {.window_minutes = 0}), herlens::Error);
}
