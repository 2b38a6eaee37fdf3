#pragma once
// A shot as every herlens analysis sees it (metrics.md, "Time"): frames [start_frame, end_frame),
// times in seconds on the film timeline; end_time is the next shot's start time (or the
// stream's end for the last shot).
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace herlens::metrics {

// How a shot begins.
enum class ShotStart { start, cut, dissolve, fade_in };
// How a shot ends (recorded on the shot it ends).
enum class ShotEnd { cut, dissolve, fade_out, end };
inline constexpr std::array<ShotStart, 4> all_shot_starts{ShotStart::start, ShotStart::cut, ShotStart::dissolve,
                                                          ShotStart::fade_in};
inline constexpr std::array<ShotEnd, 4> all_shot_ends{ShotEnd::cut, ShotEnd::dissolve, ShotEnd::fade_out, ShotEnd::end};

std::string_view name(ShotStart start);  // "start", "cut", "dissolve", "fade_in"
std::string_view name(ShotEnd end);      // "cut", "dissolve", "fade_out", "end"

struct Shot {
  int64_t start_frame = 0;
  int64_t end_frame = 0;  // exclusive
  double start_time = 0;  // seconds
  double end_time = 0;    // seconds
  ShotStart begins = ShotStart::start;
  ShotEnd ends = ShotEnd::end;
  double duration() const { return end_time - start_time; }
};

// The shot containing `time` (seconds), by binary search over shots sorted by time; -1 if none.
int64_t shot_at(const std::vector<Shot>& shots, double time);

}  // namespace herlens::metrics
