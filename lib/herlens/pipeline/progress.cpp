#include "herlens/pipeline/progress.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace herlens::pipeline {

namespace {

constexpr int bar_width = 24;

// "0:17", "12:05", "1:02:03": short enough for a progress line.
std::string clock(double seconds) {
  const auto s = static_cast<int64_t>(std::lround(std::max(0.0, seconds)));
  return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
                   : fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

Progress::Progress(bool enabled, double start, double end)
    : active_(enabled && isatty(STDERR_FILENO)),
      start_(start),
      end_(end > start ? end : 0),
      started_(std::chrono::steady_clock::now()),
      last_print_(started_) {}

Progress::~Progress() { clear_line(); }

std::string Progress::line(double elapsed, double media_time, int64_t frames) {
  const double fps = elapsed > 0 ? double(frames) / elapsed : 0;
  if (end_ <= 0)
    return fmt::format("herlens: {} frames  {:.0f} fps  {}", frames, fps, clock(media_time));
  const double done = std::clamp((media_time - start_) / (end_ - start_), 0.0, 1.0);
  const int filled = static_cast<int>(done * bar_width);
  std::string line =
      fmt::format("herlens: [{}{}] {:3.0f}%  {} of {}  {:.0f} fps",
                  std::string(size_t(filled), '#'), std::string(size_t(bar_width - filled), '.'),
                  done * 100, clock(media_time), clock(end_), fps);
  samples_.emplace_back(elapsed, media_time);
  const double span = std::max(settle_seconds, std::min(speed_window_seconds, elapsed / 2));
  while (samples_.size() > 1 && samples_[1].first <= elapsed - span) samples_.pop_front();
  const auto& [since, from] = samples_.front();
  if (elapsed - since < settle_seconds * 0.99) return line;
  const double speed = (media_time - from) / (elapsed - since);
  speeds_.emplace_back(elapsed, speed);
  while (speeds_.front().first < elapsed - settle_seconds) speeds_.pop_front();
  if (!settled_ && speeds_.back().first - speeds_.front().first >= settle_seconds * 0.75) {
    const auto [slowest, fastest] =
        std::minmax_element(speeds_.begin(), speeds_.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; });
    settled_ = slowest->second > 0 && fastest->second <= 1.25 * slowest->second;
  }
  if (settled_ && speed > 0) line += fmt::format("  ETA {}", clock((end_ - media_time) / speed));
  return line;
}

void Progress::update(double media_time, int64_t frames) {
  if (!active_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_print_ < std::chrono::milliseconds(250)) return;
  last_print_ = now;
  fmt::print(stderr, "\r{}\033[K",
             line(std::chrono::duration<double>(now - started_).count(), media_time, frames));
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
