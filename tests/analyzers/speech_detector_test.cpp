#include "herlens/analyzers/speech_detector.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "herlens/error.hpp"
#include "support/collect.hpp"
#include "support/fixtures.hpp"

namespace {

using herlens::analyzers::SpeechDetector;
using herlens::metrics::SpeechSegment;

// The committed clip: utterances at 1.090-6.526, 8.226-11.134 and 14.946-17.758 s.
const std::vector<float>& clip_samples() {
  static const std::vector<float> samples = [] {
    herlens::test::Collector collector({.audio = true});
    herlens::pipeline::Analyzer* analyzers[] = {&collector};
    herlens::test::pass_over(herlens::test::source_file("tests/data/vad/speech_mix_16k.wav"), analyzers);
    return collector.audio;
  }();
  return samples;
}

// Feeds `samples` in blocks of `block` samples, starting at `start` seconds.
std::vector<SpeechSegment> detect(const std::vector<float>& samples, size_t block, double start = 0,
                                  const SpeechDetector::Params& params = {}) {
  SpeechDetector detector(params);
  for (size_t at = 0; at < samples.size(); at += block) {
    const size_t count = std::min(block, samples.size() - at);
    detector.on_audio({start + static_cast<double>(at) / 16000, {samples.data() + at, count}});
  }
  detector.finish();
  return detector.take_result().segments;
}

}  // namespace

TEST_CASE("speech detector: the clip's three utterances, whatever the block size") {
  const auto found = detect(clip_samples(), 4096);
  const double truth[3][2] = {{1.090, 6.526}, {8.226, 11.134}, {14.946, 17.758}};
  REQUIRE(found.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(std::abs(found[i].start - truth[i][0]) < 0.15);
    CHECK(std::abs(found[i].end - truth[i][1]) < 0.15);
  }
  // Chunks are cut from the stream, not from the blocks: any block size gives the same segments.
  for (const size_t block : {1, 333, 512, 100000}) {
    CAPTURE(block);
    const auto again = detect(clip_samples(), block);
    REQUIRE(again.size() == found.size());
    for (size_t i = 0; i < found.size(); ++i) {
      CHECK(again[i].start == found[i].start);
      CHECK(again[i].end == found[i].end);
    }
  }
}

TEST_CASE("speech detector: times come from the blocks") {
  const auto at_zero = detect(clip_samples(), 4096);
  const auto later = detect(clip_samples(), 4096, 100);
  REQUIRE(later.size() == at_zero.size());
  for (size_t i = 0; i < later.size(); ++i) {
    CHECK(later[i].start == doctest::Approx(at_zero[i].start + 100));
    CHECK(later[i].end == doctest::Approx(at_zero[i].end + 100));
  }

  // A jump in the timestamps restarts detection at the new time: the second half of the clip
  // played 60 s later keeps its utterances, moved by 60 s.
  const auto& samples = clip_samples();
  const size_t half = 12 * 16000;  // between the second and the third utterance
  SpeechDetector detector;
  detector.on_audio({0, {samples.data(), half}});
  detector.on_audio({60 + 12.0, {samples.data() + half, samples.size() - half}});
  detector.finish();
  const herlens::metrics::SpeechObservations heard = detector.take_result();
  const auto& jumped = heard.segments;
  REQUIRE(jumped.size() == 3);
  CHECK(jumped[1].end <= 12);
  CHECK(jumped[2].start == doctest::Approx(at_zero[2].start + 60).epsilon(0.01));
  CHECK(heard.audio_end == doctest::Approx(60 + static_cast<double>(samples.size()) / 16000));
}

TEST_CASE("speech detector: silence has no speech, the segments end with the audio") {
  const std::vector<float> silence(16000 * 3, 0.0f);
  CHECK(detect(silence, 1000).empty());
  // Speech cut off mid-utterance ends with the audio, not in the padding after it.
  const std::vector<float> cut(clip_samples().begin(), clip_samples().begin() + 4 * 16000 + 100);
  const auto found = detect(cut, 4096);
  REQUIRE(found.size() == 1);
  CHECK(found[0].end == doctest::Approx((4 * 16000 + 100) / 16000.0));
}

TEST_CASE("speech detector: parameters are checked, the model must exist") {
  SpeechDetector::Params bad;
  bad.segments.off_threshold = 0.6;  // above the on threshold
  CHECK_THROWS_AS(SpeechDetector{bad}, herlens::Error);
  bad = {};
  bad.max_time_jump = 0;
  CHECK_THROWS_AS(SpeechDetector{bad}, herlens::Error);
  // A model folder given explicitly is the only one looked in.
  herlens::test::ScratchDir empty;
  try {
    SpeechDetector detector({}, empty.path());
    FAIL("a model was found in an empty folder");
  } catch (const herlens::Error& e) {
    CHECK(e.kind() == herlens::ErrorKind::model);
    CHECK(std::string(e.what()).find("scripts/setup") != std::string::npos);
  }
}
