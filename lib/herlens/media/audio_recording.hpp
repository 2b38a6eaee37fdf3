#pragma once
// The analysis audio of a pass (mono, analysis_sample_rate) kept in an unnamed temporary file, so
// stretches of it can be written out after the pass (`herlens dialogue --export-wav`) without
// decoding the film again and without holding a film's sound in memory (230 MB an hour of float
// samples, on disk). The file has no name: it disappears with the object, or with the process.
#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "herlens/storage/temporary_file.hpp"

namespace herlens::media {

class AudioRecording {
 public:
  // The temporary file goes into `dir` (beside where the export will be written). Throws
  // Error(output) when it cannot be made.
  explicit AudioRecording(const std::filesystem::path& dir);

  // Appends a block whose first sample is heard at `time` seconds (blocks in time order, as the
  // source delivers them). Throws Error(output) when the disk is full.
  void append(double time, std::span<const float> samples);

  // Calls `write` with the recorded samples inside [start, end) seconds, in order, a block at a time.
  template <typename Write>
  void read(double start, double end, Write write) const {
    std::vector<float> block;
    for (const Run& run : runs_) {
      const int64_t from = std::max(run.first_sample, to_sample(start));
      const int64_t to = std::min(run.first_sample + run.count, to_sample(end));
      for (int64_t at = from; at < to; at += max_read) {
        read_samples(run.offset + (at - run.first_sample), std::min(max_read, to - at), block);
        write(std::span<const float>(block));
      }
    }
  }

 private:
  // Samples recorded contiguously in time: the k-th is heard at sample first_sample + k.
  struct Run {
    int64_t first_sample;  // from time 0, at analysis_sample_rate
    int64_t count;
    int64_t offset;  // samples into the file
  };
  static constexpr int64_t max_read = 1 << 16;
  static int64_t to_sample(double seconds);
  void read_samples(int64_t offset, int64_t count, std::vector<float>& out) const;

  storage::TemporaryFile file_;
  int64_t written_ = 0;  // samples in the file
  std::vector<Run> runs_;
};

}  // namespace herlens::media
