#include "herlens/metrics/speech_segments.hpp"

#include <doctest/doctest.h>

#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "herlens/error.hpp"

namespace {

using herlens::metrics::SpeechSegment;
using herlens::metrics::SpeechSegmenter;

// Chunks are 512 samples at 16 kHz; boundaries are written in samples, as Silero computes them.
constexpr double samples = 1.0 / 16000;
constexpr int chunk = 512;

// `runs`: (probability, chunk count) pairs, pushed in order.
std::vector<float> sequence(const std::vector<std::pair<float, int>>& runs) {
  std::vector<float> probabilities;
  for (const auto& [probability, count] : runs)
    probabilities.insert(probabilities.end(), count, probability);
  return probabilities;
}

std::vector<SpeechSegment> segments(const std::vector<float>& probabilities,
                                    const SpeechSegmenter::Params& params = {},
                                    double start_time = 0) {
  SpeechSegmenter segmenter(params, start_time);
  std::vector<SpeechSegment> result;
  for (const float probability : probabilities)
    if (auto segment = segmenter.push(probability)) result.push_back(*segment);
  for (const auto& segment : segmenter.finish()) result.push_back(segment);
  return result;
}

void check_segment(const SpeechSegment& segment, double start, double end) {
  CHECK(segment.start == doctest::Approx(start).epsilon(1e-12));
  CHECK(segment.end == doctest::Approx(end).epsilon(1e-12));
}

}  // namespace

TEST_CASE("speech segments: one utterance, ended by 100 ms of silence, padded by 30 ms") {
  const auto found = segments(sequence({{0.0f, 10}, {0.9f, 20}, {0.0f, 10}}));
  REQUIRE(found.size() == 1);
  // Starts at chunk 10, ends where the silence starts (chunk 30), 480 samples of padding each side.
  check_segment(found[0], (10 * chunk - 480) * samples, (30 * chunk + 480) * samples);
}

TEST_CASE("speech segments: starts at the on threshold, continues until below the off threshold") {
  CHECK(segments(sequence({{0.0f, 5}, {0.49f, 30}, {0.0f, 10}})).empty());
  // 0.4 is under the on threshold but not under the off one: the speech goes on through it.
  const auto found = segments(sequence({{0.0f, 5}, {0.5f, 10}, {0.4f, 10}, {0.34f, 10}}));
  REQUIRE(found.size() == 1);
  check_segment(found[0], (5 * chunk - 480) * samples, (25 * chunk + 480) * samples);
}

TEST_CASE("speech segments: dips shorter than the minimum silence are bridged") {
  // The silence is measured from its first chunk: at the fifth low chunk it has lasted
  // 4 * 512 = 2048 samples >= 1600; at the fourth only 1536.
  const auto bridged =
      segments(sequence({{0.0f, 5}, {0.9f, 10}, {0.1f, 4}, {0.9f, 10}, {0.0f, 10}}));
  REQUIRE(bridged.size() == 1);
  check_segment(bridged[0], (5 * chunk - 480) * samples, (29 * chunk + 480) * samples);

  const auto split = segments(sequence({{0.0f, 5}, {0.9f, 10}, {0.1f, 5}, {0.9f, 10}, {0.0f, 10}}));
  REQUIRE(split.size() == 2);
  check_segment(split[0], (5 * chunk - 480) * samples, (15 * chunk + 480) * samples);
  check_segment(split[1], (20 * chunk - 480) * samples, (30 * chunk + 480) * samples);
}

TEST_CASE("speech segments: bursts no longer than the minimum speech are dropped") {
  // 7 chunks are 3584 samples, not over 250 ms (4000); 8 chunks are 4096.
  CHECK(segments(sequence({{0.0f, 5}, {0.9f, 7}, {0.0f, 10}})).empty());
  const auto found = segments(sequence({{0.0f, 5}, {0.9f, 8}, {0.0f, 10}}));
  REQUIRE(found.size() == 1);
  check_segment(found[0], (5 * chunk - 480) * samples, (13 * chunk + 480) * samples);
}

TEST_CASE("speech segments: close neighbours share the gap instead of overlapping") {
  SpeechSegmenter::Params params;
  params.min_silence_ms = 0;   // end at the first low chunk
  params.speech_pad_ms = 100;  // 1600 samples: gaps under 3200 samples are split in half
  const auto found = segments(
      sequence({{0.0f, 10}, {0.9f, 10}, {0.0f, 2}, {0.9f, 10}, {0.0f, 7}, {0.9f, 10}, {0.0f, 10}}),
      params);
  REQUIRE(found.size() == 3);
  // Gap of 1024 samples between the first two: 512 to each; 3584 before the third: full pads.
  check_segment(found[0], (10 * chunk - 1600) * samples, (20 * chunk + 512) * samples);
  check_segment(found[1], (22 * chunk - 512) * samples, (32 * chunk + 1600) * samples);
  check_segment(found[2], (39 * chunk - 1600) * samples, (49 * chunk + 1600) * samples);
}

TEST_CASE("speech segments: padding stops at the start and the end of the audio") {
  const auto found = segments(sequence({{0.9f, 20}}));
  REQUIRE(found.size() == 1);
  check_segment(found[0], 0, 20 * chunk * samples);
  // Still-open speech at the end closes there, if long enough.
  CHECK(segments(sequence({{0.0f, 10}, {0.9f, 7}})).empty());
}

TEST_CASE("speech segments: come out one segment late, shifted by the start time") {
  SpeechSegmenter segmenter({}, 100.0);
  int released_at = -1;
  const auto probabilities = sequence({{0.9f, 10}, {0.0f, 10}, {0.9f, 10}, {0.0f, 10}});
  for (size_t i = 0; i < probabilities.size(); ++i) {
    if (auto segment = segmenter.push(probabilities[i])) {
      released_at = static_cast<int>(i);
      check_segment(*segment, 100.0, 100.0 + (10 * chunk + 480) * samples);
    }
  }
  CHECK(released_at == 34);  // the second segment's silence has lasted 100 ms
  const auto rest = segmenter.finish();
  REQUIRE(rest.size() == 1);
  check_segment(rest[0], 100.0 + (20 * chunk - 480) * samples,
                100.0 + (30 * chunk + 480) * samples);
}

TEST_CASE("speech segments: parameters out of range are usage errors naming the value") {
  const auto rejected = [](auto change, const char* name, const char* value) {
    SpeechSegmenter::Params params;
    change(params);
    try {
      SpeechSegmenter segmenter(params);
      FAIL("accepted: ", name);
    } catch (const herlens::Error& error) {
      CHECK(error.kind() == herlens::ErrorKind::usage);
      const std::string message = error.what();
      CHECK(message.find(std::string(name) + " must be") != std::string::npos);
      CHECK(message.find(std::string("not ") + value) != std::string::npos);
    }
  };
  rejected([](auto& p) { p.on_threshold = 1.0; }, "on_threshold", "1");
  rejected([](auto& p) { p.on_threshold = std::numeric_limits<double>::quiet_NaN(); }, "on_threshold", "nan");
  rejected([](auto& p) { p.off_threshold = 0.6; }, "off_threshold", "0.6");  // above on_threshold
  rejected([](auto& p) { p.off_threshold = 0; }, "off_threshold", "0");
  rejected([](auto& p) { p.min_speech_ms = -1; }, "min_speech_ms", "-1");
  rejected([](auto& p) { p.min_silence_ms = 60001; }, "min_silence_ms", "60001");
  rejected([](auto& p) { p.speech_pad_ms = -5; }, "speech_pad_ms", "-5");
  CHECK_NOTHROW(SpeechSegmenter{SpeechSegmenter::Params{}});
}
