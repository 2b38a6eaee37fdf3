#pragma once
// The progress line on stderr: frames, speed and ETA, only when stderr is a terminal.
#include <chrono>
#include <cstdint>

namespace herlens::pipeline {

class Progress {
 public:
  // `duration` in seconds (0 when unknown: no ETA). Silent unless `enabled` and stderr is a tty.
  Progress(bool enabled, double duration);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(double media_time, int64_t frames);

 private:
  void clear_line();

  bool active_;
  double duration_;
  std::chrono::steady_clock::time_point started_, last_print_;
  bool printed_ = false;
};

}  // namespace herlens::pipeline
