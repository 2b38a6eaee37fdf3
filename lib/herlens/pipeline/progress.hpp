#pragma once
// The progress line on stderr, only when stderr is a terminal: with a known length, a bar, the
// percentage done and, once it has settled, the time left; otherwise frames, speed and film time.
#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

namespace herlens::pipeline {

class Progress {
 public:
  // The pass runs over film times [start, end); `end` 0 when the length is unknown (no bar, no
  // ETA). Silent unless `enabled` and stderr is a tty.
  Progress(bool enabled, double start, double end);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(double media_time, int64_t frames);

  // The line after `elapsed` seconds of work, the pass at `media_time` with `frames` decoded. The
  // time left is the film still to go at the recent speed: film seconds per second over the later
  // half of the work so far (at least `settle_seconds`, at most `speed_window_seconds`), so the
  // first moments (opening the file, warming up threads) stop counting. It is shown once that
  // speed has settled: every speed measured over the last `settle_seconds` within 25% of each
  // other; from then on it stays.
  std::string line(double elapsed, double media_time, int64_t frames);

  static constexpr double settle_seconds = 2;
  static constexpr double speed_window_seconds = 10;

 private:
  void clear_line();

  bool active_;
  double start_, end_;
  std::chrono::steady_clock::time_point started_, last_print_;
  bool printed_ = false;
  std::deque<std::pair<double, double>> samples_;  // (elapsed, media time) over the speed window
  std::deque<std::pair<double, double>> speeds_;  // (elapsed, film seconds per second), recent ones
  bool settled_ = false;
};

}  // namespace herlens::pipeline
