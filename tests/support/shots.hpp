#pragma once
// Hand-made shot lists for tests of per-shot joins and statistics.
#include <cmath>
#include <initializer_list>
#include <vector>

#include "herlens/metrics/shot.hpp"

namespace herlens::test {

// Back-to-back shots of the given durations (seconds) from time 0, at 25 frames per second.
inline std::vector<metrics::Shot> shots_of(std::initializer_list<double> durations) {
  std::vector<metrics::Shot> shots;
  double time = 0;
  int64_t frame = 0;
  for (const double d : durations) {
    metrics::Shot shot;
    shot.start_frame = frame;
    shot.end_frame = frame += std::llround(d * 25);
    shot.start_time = time;
    shot.end_time = time += d;
    shots.push_back(shot);
  }
  return shots;
}

}  // namespace herlens::test
