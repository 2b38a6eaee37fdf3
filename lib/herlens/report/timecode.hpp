#pragma once
// Times as writers print them: clock times to the millisecond (tables, summaries, subtitles,
// annotations) and SMPTE timecodes that count frames (editors' formats), in drop-frame at 29.97 and
// 59.94. Pure functions of seconds on the film timeline (metrics.md, "Time").
#include <cstdint>
#include <string>
#include <string_view>

#include "herlens/media/media_info.hpp"

namespace herlens::report {

// Seconds to the nearest millisecond; a negative time (no film has one) is 0.
int64_t milliseconds(double seconds);

// "HH:MM:SS.mmm": the timecode every table and summary prints, and WebVTT's cue time. SubRip puts
// a ',' before the milliseconds.
std::string timecode(double seconds, char decimal_mark = '.');

// A time as people type it, in seconds: "90", "90.5", "10s", "1m30s", "2h", "1:30", "01:02:03.5"
// (clock fields after the first below 60). Throws Error(usage) naming the text otherwise, and for
// a negative, infinite or non-numeric one. Every time option (--start, --end) reads through this.
double parse_time(std::string_view text);

// A frame rate as a ratio of whole numbers, kept exact: 30000/1001, not 29.97.
struct FrameRate {
  int64_t num = 25;
  int64_t den = 1;
  double fps() const { return static_cast<double>(num) / static_cast<double>(den); }
  // Frames a timecode second counts: the rate rounded (30 at 29.97), at least 1.
  int64_t timecode_base() const;
  // 29.97 and 59.94 are counted in drop-frame timecode (SMPTE 12M), as editors count them.
  bool drop_frame() const;
  bool operator==(const FrameRate&) const = default;
};

// The rate a film's frames are counted at: its picture's base rate, or the average rate when the
// rate varies (or the base rate is no rate a picture has). The nearest standard rate (23.976, 24,
// 25, 29.97, 30, 47.952, 48, 50, 59.94, 60, 119.88, 120) replaces a base rate within 0.02% of it
// (a rounded 29.97) and an average within 2%; an average further from all of them is rounded to
// whole frames per second, a base rate kept as it is.
FrameRate timecode_rate(media::Ratio base_rate, bool variable, double average_fps);

// The frame shown at `seconds` from film time 0, to the nearest frame: for a constant rate, the
// frame that starts there exactly (times are printed to the millisecond, frames are longer).
int64_t frame_at(double seconds, FrameRate rate);

// "HH:MM:SS:FF" for a frame number, or "HH:MM:SS;FF" in drop-frame, where the numbers 00 and 01
// (00 to 03 at 59.94) are skipped at the start of every minute not divisible by ten.
std::string smpte(int64_t frame, FrameRate rate);

}  // namespace herlens::report
