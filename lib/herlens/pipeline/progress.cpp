#include "herlens/pipeline/progress.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace herlens::pipeline {

Progress::Progress(bool enabled, double duration)
    : active_(enabled && isatty(STDERR_FILENO)),
      duration_(duration),
      started_(std::chrono::steady_clock::now()),
      last_print_(started_) {}

Progress::~Progress() { clear_line(); }

void Progress::update(double media_time, int64_t frames) {
  if (!active_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_print_ < std::chrono::milliseconds(250)) return;
  last_print_ = now;
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  const double fps = elapsed > 0 ? frames / elapsed : 0;
  std::string line = fmt::format("herlens: {} frames  {:.0f} fps  {:.0f}s", frames, fps, media_time);
  if (duration_ > 0 && media_time > 0) {
    const double eta = elapsed * (duration_ - media_time) / media_time;
    line += fmt::format(" of {:.0f}s  ETA {:.0f}s", duration_, eta > 0 ? eta : 0.0);
  }
  fmt::print(stderr, "\r{}\033[K", line);
  std::fflush(stderr);
  printed_ = true;
}

void Progress::clear_line() {
  if (!printed_) return;
  fmt::print(stderr, "\r\033[K");
  std::fflush(stderr);
  printed_ = false;
}

}  // namespace herlens::pipeline
