#include "herlens/models/silero_vad.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "herlens/error.hpp"
#include "herlens/metrics/speech_segments.hpp"
#include "herlens/models/model_files.hpp"
#include "support/collect.hpp"
#include "support/fixtures.hpp"

namespace {

using herlens::models::SileroVad;

std::filesystem::path vad_model() { return herlens::models::find_model(SileroVad::model_file); }

// The reference clip as herlens decodes it (16 kHz mono float).
std::vector<float> reference_samples() {
  herlens::test::Collector collector({.audio = true});
  herlens::pipeline::Analyzer* const analyzers[] = {&collector};
  herlens::test::pass_over(herlens::test::source_file("tests/data/vad/speech_mix_16k.wav"), analyzers);
  return collector.audio;
}

// ONNX Runtime's probabilities, one per chunk (scripts/make-vad-reference).
std::vector<float> reference_probabilities() {
  std::ifstream csv(herlens::test::source_file("tests/data/vad/speech_mix_16k_probs.csv"));
  std::string line;
  std::getline(csv, line);  // header
  std::vector<float> probabilities;
  while (std::getline(csv, line))
    probabilities.push_back(std::stof(line.substr(line.find(',') + 1)));
  return probabilities;
}

std::vector<float> run(SileroVad& vad, const std::vector<float>& samples, size_t chunks) {
  std::vector<float> probabilities;
  for (size_t i = 0; i < chunks; ++i)
    probabilities.push_back(vad.process(
        std::span(samples).subspan(i * SileroVad::chunk_samples, SileroVad::chunk_samples)));
  return probabilities;
}

std::vector<herlens::metrics::SpeechSegment> speech_segments(
    const std::vector<float>& probabilities) {
  herlens::metrics::SpeechSegmenter segmenter({});
  std::vector<herlens::metrics::SpeechSegment> segments;
  for (const float probability : probabilities)
    if (auto segment = segmenter.push(probability)) segments.push_back(*segment);
  for (const auto& segment : segmenter.finish()) segments.push_back(segment);
  return segments;
}

void check_rejected(const std::filesystem::path& model) {
  try {
    SileroVad vad(model);
    FAIL("model accepted: ", model);
  } catch (const herlens::Error& error) {
    CHECK(error.kind() == herlens::ErrorKind::model);
    CHECK(std::string(error.what()).find("scripts/setup") != std::string::npos);
  }
}

}  // namespace

TEST_CASE("silero vad matches ONNX Runtime on the reference clip") {
  const auto samples = reference_samples();
  const auto expected = reference_probabilities();
  REQUIRE(samples.size() == expected.size() * SileroVad::chunk_samples);
  REQUIRE(expected.size() > 500);

  SileroVad vad(vad_model());
  const auto actual = run(vad, samples, expected.size());
  float max_difference = 0;
  for (size_t i = 0; i < expected.size(); ++i)
    max_difference = std::max(max_difference, std::abs(actual[i] - expected[i]));
  MESSAGE("largest difference from ONNX Runtime: ", max_difference);
  CHECK(max_difference < 1e-4f);
  // The clip holds both speech and non-speech, so the comparison covers both ends of the range.
  CHECK(*std::min_element(actual.begin(), actual.end()) < 0.05f);
  CHECK(*std::max_element(actual.begin(), actual.end()) > 0.95f);
}

TEST_CASE("silero vad carries its state across chunks and reset() starts over") {
  const auto samples = reference_samples();
  constexpr size_t chunks = 200;
  SileroVad vad(vad_model());
  const auto first = run(vad, samples, chunks);
  vad.reset();
  CHECK(run(vad, samples, chunks) == first);

  // Feeding each chunk to a fresh detector loses the context and the LSTM state.
  float largest_change = 0;
  for (size_t i = 0; i < chunks; ++i) {
    vad.reset();
    const float alone =
        run(vad, std::vector(samples.begin() + i * SileroVad::chunk_samples, samples.end()), 1)[0];
    largest_change = std::max(largest_change, std::abs(alone - first[i]));
  }
  CHECK(largest_change > 0.1f);
}

TEST_CASE("silero vad refuses chunks of the wrong size") {
  SileroVad vad(vad_model());
  const std::vector<float> short_chunk(SileroVad::chunk_samples - 1, 0.0f);
  CHECK_THROWS_AS(vad.process(short_chunk), herlens::Error);
}

TEST_CASE("silero vad reports missing, truncated and corrupt model files as model errors") {
  herlens::test::ScratchDir scratch;
  check_rejected(scratch / "absent.onnx");

  const std::string model = herlens::test::read_text(vad_model());
  const auto write = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(scratch / name, std::ios::binary) << bytes;
    return scratch / name;
  };
  // Every cut inside the graph (nearly the whole file) loses weights or breaks a field.
  for (size_t cut = 0; cut < 50; ++cut) {
    CAPTURE(cut);
    check_rejected(write("truncated.onnx", model.substr(0, model.size() * cut / 50)));
  }
  check_rejected(write("text.onnx", "this is not a model\n"));
  // A well-formed model of another network: the blazeface face detector.
  check_rejected(herlens::models::find_model("blazeface_front_128.onnx"));
}

TEST_CASE("silero vad and speech segments find the reference clip's three utterances") {
  const auto samples = reference_samples();
  SileroVad vad(vad_model());
  const auto found = speech_segments(run(vad, samples, samples.size() / SileroVad::chunk_samples));
  const auto expected = speech_segments(reference_probabilities());
  // scripts/make-vad-reference puts speech at 1.0-6.7 s, 8.2-11.3 s (under pink noise) and
  // 14.8-17.8 s; the white noise and monkey calls between them are not speech.
  const double utterances[3][2] = {{1.0, 6.7}, {8.1, 11.4}, {14.8, 17.8}};
  REQUIRE(found.size() == 3);
  REQUIRE(expected.size() == 3);
  for (size_t i = 0; i < found.size(); ++i) {
    CAPTURE(i);
    CHECK(found[i].start == doctest::Approx(expected[i].start).epsilon(1e-12));
    CHECK(found[i].end == doctest::Approx(expected[i].end).epsilon(1e-12));
    CHECK(found[i].start >= utterances[i][0]);
    CHECK(found[i].end <= utterances[i][1]);
    CHECK(found[i].end - found[i].start > 0.8 * (utterances[i][1] - utterances[i][0]));
  }
}
