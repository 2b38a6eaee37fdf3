// The pass's audio kept on disk: stretches come back exactly, across gaps in time.
#include <doctest/doctest.h>

#include <numeric>
#include <vector>

#include "herlens/error.hpp"
#include "herlens/media/audio_recording.hpp"
#include "support/fixtures.hpp"

using herlens::media::AudioRecording;

namespace {

std::vector<float> ramp(size_t count, float first) {
  std::vector<float> samples(count);
  std::iota(samples.begin(), samples.end(), first);
  return samples;
}

std::vector<float> read(const AudioRecording& recording, double start, double end) {
  std::vector<float> out;
  recording.read(start, end, [&out](std::span<const float> block) { out.insert(out.end(), block.begin(), block.end()); });
  return out;
}

}  // namespace

TEST_CASE("audio recording: the samples inside a stretch of time, by their time, across blocks and gaps") {
  herlens::test::ScratchDir dir;
  AudioRecording recording(dir.path());
  // 1 s from 0 in two blocks, then a gap, then 1 s from 10 s.
  recording.append(0, ramp(8000, 0));
  recording.append(0.5, ramp(8000, 8000));
  recording.append(10, ramp(16000, 100000));
  CHECK(std::filesystem::is_empty(dir.path()));
  const std::vector<float> first = read(recording, 0.25, 0.75);  // across the two blocks
  REQUIRE(first.size() == 8000);
  CHECK(first.front() == 4000);
  CHECK(first.back() == 11999);
  const std::vector<float> across_gap = read(recording, 0.9, 10.1);
  REQUIRE(across_gap.size() == 1600 + 1600);
  CHECK(across_gap[1599] == 15999);
  CHECK(across_gap[1600] == 100000);
  CHECK(read(recording, 3, 5).empty());  // nothing was heard then
  CHECK(read(recording, 0, 100).size() == 32000);
  // Longer than one read block.
  AudioRecording long_one(dir.path());
  long_one.append(0, ramp(200000, 0));
  CHECK(read(long_one, 0, 20).size() == 200000);
  CHECK(read(long_one, 0, 20).back() == 199999);
}

TEST_CASE("audio recording: a folder it cannot write in is an output error") {
  try {
    AudioRecording recording("/nonexistent-folder-for-herlens");
    FAIL("made a recording nowhere");
  } catch (const herlens::Error& e) {
    CHECK(e.kind() == herlens::ErrorKind::output);
  }
}
