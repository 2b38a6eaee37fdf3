// The dialogue section: speech joined with the picture's state, totals and shares, per window.
#include <doctest/doctest.h>

#include <vector>

#include "herlens/error.hpp"
#include "herlens/metrics/dialogue.hpp"
#include "herlens/metrics/faces.hpp"

using namespace herlens::metrics;
namespace models = herlens::models;

namespace {

// 20 s of picture, black for the first 4 s; a face on screen from 10 s, speaking (or not
// measured) until 16 s, then listening.
const PictureLevels picture{0, 20, {{0, 4}}};
const std::vector<FaceSample> faces{{0, 0}, {10, 1, 1}, {16, 1, 0}};
// Speech 2-6 s (half over black, half over no face) and 12-14 s (over a speaking face).
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
  CHECK(s.on_screen[1].speaker == doctest::Approx(2));
  CHECK(s.split.voice_only() == doctest::Approx(4));
  CHECK(s.voice_only_share == doctest::Approx(4.0 / 6));
  CHECK(s.longest_voice_only_seconds == doctest::Approx(4));  // 2-6 s, black then no face, is one stretch
  REQUIRE(s.windows.size() == 1);
  CHECK(s.windows[0].voice_only_seconds.value() == doctest::Approx(4));
  CHECK(s.windows[0].speech_share() == doctest::Approx(0.3));
  CHECK(s.shots.empty());
}

TEST_CASE("dialogue section: a listener's face is voice-only, the old no-face figure kept apart, shots given") {
  // Speech 15-19 s: 1 s over the speaking face, 3 s over the listener; and 19-22 s, 1 s past the
  // picture's end (no picture, reported apart, never voice-only).
  SpeechObservations heard{{{2, 6}, {15, 19}, {19.5, 21}}, 22};
  const std::vector<Shot> shots{{0, 240, 0, 10}, {240, 480, 10, 20}};
  const DialogueSection s = summarise_dialogue(heard, picture, faces, {}, shots);
  CHECK(s.split.listener == doctest::Approx(3.5));
  CHECK(s.split.speaker == doctest::Approx(1));
  CHECK(s.split.no_picture == doctest::Approx(1));
  CHECK(s.voice_only_share == doctest::Approx((4 + 3.5) / 9.5));
  CHECK(s.faceless_share == doctest::Approx(4 / 9.5));
  REQUIRE(s.shots.size() == 3);
  CHECK(s.shots[0] == 1);
  CHECK(s.shots[1] == 2);
  CHECK(s.shots[2] == 2);
}

TEST_CASE("dialogue section: without a picture, no voice-only figures and the sound's length") {
  const DialogueSection s = summarise_dialogue(speech(), std::nullopt, std::nullopt, {});
  CHECK_FALSE(s.picture);
  CHECK(s.on_screen.empty());
  CHECK(s.voice_only.empty());
  CHECK(s.runtime == 20);
  REQUIRE(s.windows.size() == 1);
  CHECK_FALSE(s.windows[0].voice_only_seconds);
  CHECK_THROWS_AS(summarise_dialogue(speech(), std::nullopt, std::nullopt, {.window_minutes = 0, .mouths = {}}), herlens::Error);
}

TEST_CASE("speaker join: measured mouths make samples listeners or speakers, unmeasured faces speak") {
  // Three samples, each a face; mouth openings over their bursts: moving (speaking), still
  // (listening), and not measured (no speech heard near it). A fourth sample has two faces, one
  // still and one whose landmarks were too unsure to count (too few openings): no one speaks.
  std::vector<FaceObservation> seen(4);
  const models::Face face{cv::Rect2f(0.4f, 0.2f, 0.2f, 0.3f), 0.9f};
  for (size_t k = 0; k < seen.size(); ++k) {
    seen[k].time = 5.0 * double(k);
    seen[k].faces = {face};
    seen[k].new_picture = true;  // four shots: a speaking face in one does not speak in the others
  }
  seen[0].mouths_checked = true;
  seen[0].mouths = {{0.01, 0.07, 0.02, 0.09, 0.03}};
  seen[1].mouths_checked = true;
  seen[1].mouths = {{0.010, 0.012, 0.011, 0.010, 0.013}};
  seen[3].faces.push_back(face);
  seen[3].mouths_checked = true;
  seen[3].mouths = {{0.010, 0.012, 0.011}, {0.01, 0.09}};
  const std::vector<FaceSample> samples = face_samples(seen, {});
  REQUIRE(samples.size() == 4);
  CHECK(samples[0].speaking == 1);
  CHECK(samples[1].speaking == 0);
  CHECK_FALSE(samples[2].speaking);
  CHECK(samples[3].speaking == 0);

  // Speech throughout 0-20 s of a 20 s picture: 5 s speaker, 5 s listener, 5 s unmeasured face
  // (speaker_visible), 5 s listeners.
  const PictureLevels lit{0, 20, {}};
  const DialogueSection s = summarise_dialogue({{{0, 20}}, 20}, lit, samples, {});
  CHECK(s.split.speaker == doctest::Approx(10));
  CHECK(s.split.listener == doctest::Approx(10));
  CHECK(s.voice_only_share == doctest::Approx(0.5));
  CHECK(s.faceless_share == 0);
  // A stricter threshold makes the moving mouth a listener too.
  const DialogueSection strict =
      summarise_dialogue({{{0, 20}}, 20}, lit, face_samples(seen, {.min_spread = 0.1, .min_openings = 3}), {});
  CHECK(strict.split.listener == doctest::Approx(15));
}

TEST_CASE("speaker join: the evidence for each measured sample is kept") {
  std::vector<FaceObservation> seen(2);
  seen[0].time = 0;
  seen[0].faces = {models::Face{cv::Rect2f(0.4f, 0.2f, 0.2f, 0.3f), 0.9f}, models::Face{cv::Rect2f(0.1f, 0.2f, 0.1f, 0.1f), 0.8f}};
  seen[0].mouths_checked = true;
  seen[0].mouths = {{0.010, 0.012, 0.011}, {0.02, 0.08, 0.03}};
  seen[1].time = 4;
  const std::vector<FaceSample> samples = face_samples(seen, {});
  CHECK(*samples[0].largest_spread == doctest::Approx(0.06));
  CHECK(samples[0].speaking == 1);
  CHECK_FALSE(samples[1].largest_spread);
  const DialogueSection s = summarise_dialogue({{{0, 6}}, 8}, PictureLevels{0, 8, {}}, samples, {});
  REQUIRE(s.mouth_samples.size() == 1);
  CHECK(s.mouth_samples[0].time == 0);
}

TEST_CASE("speaker join: carried faces count, runs and bursts pass through, one line spoken through its shot") {
  // One shot: a face at 0 s listening in its burst (a smile), the same face at 1 s carried (the
  // detector lost it) and speaking; a cut at 2 s to a listener.
  std::vector<FaceObservation> seen(3);
  const models::Face face{cv::Rect2f(0.4f, 0.2f, 0.2f, 0.3f), 0.9f};
  for (size_t k = 0; k < seen.size(); ++k) {
    seen[k].time = double(k);
    seen[k].burst_end = double(k) + 0.32;
    seen[k].mouths_checked = true;
  }
  seen[0].new_picture = seen[2].new_picture = true;
  seen[0].faces = seen[2].faces = {face};
  seen[0].mouths = seen[2].mouths = {{0.010, 0.012, 0.011, 0.010, 0.013}};
  seen[1].carried_faces = 1;
  seen[1].mouths = {{0.01, 0.07, 0.02}};
  const std::vector<FaceSample> samples = face_samples(seen, {});
  REQUIRE(samples.size() == 3);
  CHECK(samples[1].faces == 1);
  CHECK(samples[1].speaking == 1);
  CHECK(samples[0].new_picture);
  CHECK_FALSE(samples[1].new_picture);
  CHECK(samples[1].burst_end == doctest::Approx(1.32));
  // A line 0.1-2.8 s: spoken on screen until the cut, the listener after it.
  const DialogueSection s = summarise_dialogue({{{0.1, 2.8}}, 3}, PictureLevels{0, 3, {}}, samples, {});
  CHECK(s.split.speaker == doctest::Approx(1.9));
  CHECK(s.split.listener == doctest::Approx(0.8));
}

TEST_CASE("speaker join: listener pictures are those held over speech heard as listener") {
  const std::vector<FaceSample> samples{{0, 1}, {3, 1}, {6, 1}};
  std::vector<FaceThumbnail> thumbnails(3);
  for (size_t k = 0; k < thumbnails.size(); ++k) thumbnails[k].time = samples[k].time;
  const std::vector<SpeechPiece> pieces{{0, 0.2, 3.0, PictureState::speaker},
                                        {0, 3.2, 3.5, PictureState::listener},
                                        {1, 7, 8, PictureState::listener}};
  const std::vector<FaceThumbnail> moments = listener_moments(thumbnails, samples, pieces);
  REQUIRE(moments.size() == 2);
  CHECK(moments[0].time == 3);
  CHECK(moments[1].time == 6);
  CHECK(listener_moments(thumbnails, samples, std::vector<SpeechPiece>{pieces[0]}).empty());
}
