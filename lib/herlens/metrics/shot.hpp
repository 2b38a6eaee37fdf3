#pragma once
// A shot as every herlens analysis sees it (metrics.md, "Time"): frames [start_frame, end_frame),
// times in seconds on the film timeline; end_time is the next shot's start time (or the
// stream's end for the last shot).
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace herlens::metrics {

// How a shot begins: a blank stretch reached by a fade begins with the fade out.
enum class ShotStart { start, cut, dissolve, fade_in, fade_out };
// How a shot ends (recorded on the shot it ends): a blank stretch left by a fade ends with the fade in.
enum class ShotEnd { cut, dissolve, fade_out, fade_in, end };
inline constexpr std::array<ShotStart, 5> all_shot_starts{ShotStart::start, ShotStart::cut, ShotStart::dissolve,
                                                          ShotStart::fade_in, ShotStart::fade_out};
inline constexpr std::array<ShotEnd, 5> all_shot_ends{ShotEnd::cut, ShotEnd::dissolve, ShotEnd::fade_out, ShotEnd::fade_in,
                                                      ShotEnd::end};

std::string_view name(ShotStart start);  // "start", "cut", "dissolve", "fade_in", "fade_out"
std::string_view name(ShotEnd end);      // "cut", "dissolve", "fade_out", "fade_in", "end"

struct Shot {
  int64_t start_frame = 0;
  int64_t end_frame = 0;  // exclusive
  double start_time = 0;  // seconds
  double end_time = 0;    // seconds
  ShotStart begins = ShotStart::start;
  ShotEnd ends = ShotEnd::end;
  // A stretch of nothing but black (or white) between shots, at the film's start or end: listed
  // with the shots, left out of their statistics (docs/metrics.md, "Shots").
  bool blank = false;
  double duration() const { return end_time - start_time; }
};

// The shot containing `time` (seconds), by binary search over shots sorted by time; -1 if none.
int64_t shot_at(const std::vector<Shot>& shots, double time);

}  // namespace herlens::metrics
