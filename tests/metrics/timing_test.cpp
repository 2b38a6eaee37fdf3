#include <doctest/doctest.h>

#include "herlens/metrics/timing.hpp"

TEST_CASE("timing: a constant rate in millisecond timestamps is not variable, a millisecond more is") {
  herlens::metrics::StreamTiming timing;
  timing.shortest_interval = 0.041;  // 23.976 fps in Matroska: pictures 41 or 42 ms apart
  timing.longest_interval = 0.042;
  CHECK_FALSE(timing.variable_frame_rate());
  timing.longest_interval = 0.043;
  CHECK(timing.variable_frame_rate());
}
