#include "herlens/metrics/shot.hpp"

#include <algorithm>

namespace herlens::metrics {

std::string_view name(ShotStart start) {
  switch (start) {
    case ShotStart::start: return "start";
    case ShotStart::cut: return "cut";
    case ShotStart::dissolve: return "dissolve";
    case ShotStart::fade_in: return "fade_in";
    case ShotStart::fade_out: return "fade_out";
  }
  return "start";
}

std::string_view name(ShotEnd end) {
  switch (end) {
    case ShotEnd::cut: return "cut";
    case ShotEnd::dissolve: return "dissolve";
    case ShotEnd::fade_out: return "fade_out";
    case ShotEnd::fade_in: return "fade_in";
    case ShotEnd::end: return "end";
  }
  return "end";
}

int64_t shot_at(const std::vector<Shot>& shots, double time) {
  const auto after = std::upper_bound(shots.begin(), shots.end(), time,
                                      [](double t, const Shot& shot) { return t < shot.start_time; });
  if (after == shots.begin()) return -1;
  const auto& shot = *(after - 1);
  if (time >= shot.end_time && after != shots.end()) return -1;
  return after - shots.begin() - 1;
}

}  // namespace herlens::metrics
