// The progress line: a bar and percentage when the length is known, the time left only once the
// speed has settled (a slow start must not show a wild ETA).
#include "herlens/pipeline/progress.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <optional>

using herlens::pipeline::Progress;

namespace {

// The ETA a line shows, in seconds, or nothing.
std::optional<double> eta(const std::string& line) {
  const size_t at = line.find("ETA ");
  if (at == std::string::npos) return std::nullopt;
  int minutes = 0, seconds = 0;
  if (std::sscanf(line.c_str() + at + 4, "%d:%d", &minutes, &seconds) != 2) return std::nullopt;
  return minutes * 60 + seconds;
}

}  // namespace

TEST_CASE("progress: bar, percentage and film time when the length is known") {
  Progress progress(false, 0, 100);
  const std::string line = progress.line(1, 25, 600);
  CHECK(line.find("[######..................]") != std::string::npos);
  CHECK(line.find(" 25%") != std::string::npos);
  CHECK(line.find("0:25 of 1:40") != std::string::npos);
  CHECK(line.find("600 fps") != std::string::npos);
  CHECK_FALSE(eta(line));
  // --start 50 --end 150: the bar covers that part.
  Progress part(false, 50, 150);
  CHECK(part.line(1, 100, 10).find(" 50%") != std::string::npos);
}

TEST_CASE("progress: frames and speed, no bar and no ETA, when the length is unknown") {
  Progress progress(false, 0, 0);
  CHECK(progress.line(2, 30, 720) == "herlens: 720 frames  360 fps  0:30");
}

TEST_CASE("progress: a steady pass shows the right ETA once settled, never before") {
  Progress progress(false, 0, 100);
  std::optional<double> shown;
  for (double t = 0.25; t <= 4 && !shown; t += 0.25) {
    shown = eta(progress.line(t, t * 10, int64_t(t * 240)));
    if (shown) {
      CHECK(t >= Progress::settle_seconds);
      CHECK(*shown == doctest::Approx((100 - t * 10) / 10).epsilon(0.15));
    }
  }
  CHECK(shown);
}

TEST_CASE("progress: a slow start does not skew the ETA, and a short clip shows none") {
  // 1.5 s before the pass moves (opening, warming up), then 10 s of film a second.
  Progress progress(false, 0, 100);
  std::optional<double> first;
  double at = 0;
  for (double t = 0.25; t <= 9 && !first; t += 0.25) {
    first = eta(progress.line(t, t <= 1.5 ? 0.01 : (t - 1.5) * 10, 1));
    at = t;
  }
  REQUIRE(first);
  const double truth = (100 - (at - 1.5) * 10) / 10;
  CHECK(std::abs(*first - truth) <= std::max(1.0, 0.1 * truth));
  // An 11-s clip analysed in 3 s after a slow first quarter second: over before any ETA.
  Progress clip(false, 0, 11);
  CHECK_FALSE(eta(clip.line(0.25, 0.02, 1)));
  for (double t = 0.5, film = 0.5; film < 11; t += 0.25, film += 1)
    CHECK_FALSE(eta(clip.line(t, film, 1)));
}

TEST_CASE("progress: a pass that keeps speeding up shows no ETA") {
  Progress progress(false, 0, 100000);
  double film = 0;
  for (int k = 1; k <= 30; ++k) {
    film += k;  // each quarter second faster than the last
    CHECK_FALSE(eta(progress.line(k * 0.25, film, k)));
  }
}
