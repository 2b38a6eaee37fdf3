#include "herlens/report/timecode.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

#include <cstdlib>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "herlens/error.hpp"

namespace herlens::report {

namespace {

constexpr std::array<FrameRate, 12> standard_rates{{{24000, 1001}, {24, 1}, {25, 1}, {30000, 1001}, {30, 1},
                                                    {48000, 1001}, {48, 1}, {50, 1}, {60000, 1001}, {60, 1},
                                                    {120000, 1001}, {120, 1}}};

// Rates no picture is shown at: a stream's base rate can be its time base (90000/1, 1000/1).
bool plausible(double fps) { return fps >= 1 && fps <= 240; }

// A decimal number at the start of `text` ("12", "1.5", ".5", "1e3"; no sign, no hex, finite),
// and what follows it.
std::optional<double> leading_number(std::string_view& text) {
  const auto digits_from = [&text](size_t at) {
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
    return at;
  };
  size_t end = digits_from(0);
  if (end < text.size() && text[end] == '.') end = digits_from(end + 1);
  if (end == 0 || text.substr(0, end) == ".") return std::nullopt;
  if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
    size_t exponent = end + 1;
    if (exponent < text.size() && (text[exponent] == '+' || text[exponent] == '-')) ++exponent;
    if (const size_t after = digits_from(exponent); after > exponent) end = after;
  }
  const double value = std::strtod(std::string(text.substr(0, end)).c_str(), nullptr);
  if (!std::isfinite(value)) return std::nullopt;
  text.remove_prefix(end);
  return value;
}

// "1:30", "01:02:03.5": seconds last, every field but the first below 60, only the last with a
// fraction.
std::optional<double> clock_time(std::string_view text) {
  double seconds = 0;
  for (int field = 0; field < 3; ++field) {
    const std::optional<double> value = leading_number(text);
    if (!value || (field > 0 && *value >= 60)) return std::nullopt;
    seconds = seconds * 60 + *value;
    if (text.empty()) return field > 0 ? std::optional(seconds) : std::nullopt;
    if (text[0] != ':' || *value != std::floor(*value)) return std::nullopt;
    text.remove_prefix(1);
  }
  return std::nullopt;
}

// "90", "10s", "1m30s", "1h2m", "2.5min": numbers with units, largest first, or one bare number.
std::optional<double> unit_time(std::string_view text) {
  constexpr std::pair<std::string_view, double> units[] = {{"h", 3600}, {"min", 60}, {"m", 60}, {"s", 1}};
  if (text.empty()) return std::nullopt;
  double seconds = 0;
  double smallest = 1e9;  // the last unit read: the next must be smaller
  while (!text.empty()) {
    const std::optional<double> value = leading_number(text);
    if (!value) return std::nullopt;
    if (text.empty()) return smallest > 1e8 ? std::optional(*value) : std::nullopt;  // "90", not "1m30"
    const auto unit = std::find_if(std::begin(units), std::end(units),
                                   [&text](const auto& u) { return text.starts_with(u.first); });
    if (unit == std::end(units) || unit->second >= smallest) return std::nullopt;
    text.remove_prefix(unit->first.size());
    seconds += *value * unit->second;
    smallest = unit->second;
  }
  return seconds;
}

}  // namespace

double parse_time(std::string_view text) {
  const std::optional<double> seconds = text.find(':') != std::string_view::npos ? clock_time(text) : unit_time(text);
  if (!seconds || !std::isfinite(*seconds))
    throw Error(ErrorKind::usage,
                fmt::format("'{}' is not a time: use seconds (90, 10s, 1m30s) or [HH:]MM:SS[.mmm] (1:30, 01:02:03.5)",
                            text));
  return *seconds;
}

int64_t milliseconds(double seconds) { return std::llround(std::max(0.0, seconds) * 1000); }

std::string timecode(double seconds, char decimal_mark) {
  const int64_t ms = milliseconds(seconds);
  return fmt::format("{:02}:{:02}:{:02}{}{:03}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, decimal_mark,
                     ms % 1000);
}

int64_t FrameRate::timecode_base() const { return std::max<int64_t>(1, std::llround(fps())); }

bool FrameRate::drop_frame() const { return den == 1001 && (num == 30000 || num == 60000); }

FrameRate timecode_rate(media::Ratio base_rate, bool variable, double average_fps) {
  const bool use_base = !variable && base_rate.num > 0 && base_rate.den > 0 && plausible(base_rate.value());
  const double fps = use_base ? base_rate.value() : average_fps;
  const auto off = [fps](const FrameRate& rate) { return std::abs(fps / rate.fps() - 1); };
  const FrameRate nearest = *std::min_element(standard_rates.begin(), standard_rates.end(),
                                              [&off](const FrameRate& a, const FrameRate& b) { return off(a) < off(b); });
  // A base rate only differs from a standard one by rounding (2997/100); an average, by the
  // pictures a variable rate dropped or repeated.
  if (off(nearest) < (use_base ? 0.0002 : 0.02)) return nearest;
  if (use_base) return {base_rate.num, base_rate.den};
  return {plausible(fps) ? std::llround(fps) : 25, 1};
}

int64_t frame_at(double seconds, FrameRate rate) {
  return std::llround(std::max(0.0, seconds) * static_cast<double>(rate.num) / static_cast<double>(rate.den));
}

std::string smpte(int64_t frame, FrameRate rate) {
  const int64_t base = rate.timecode_base();
  int64_t label = std::max<int64_t>(0, frame);  // the frame number as the timecode counts it
  if (rate.drop_frame()) {
    const int64_t dropped = base / 15;  // 2 at 29.97, 4 at 59.94
    const int64_t per_minute = base * 60 - dropped;
    const int64_t per_ten_minutes = base * 600 - dropped * 9;
    const int64_t tens = label / per_ten_minutes, rest = label % per_ten_minutes;
    label += dropped * 9 * tens + (rest > dropped ? dropped * ((rest - dropped) / per_minute) : 0);
  }
  const int64_t seconds = label / base;
  return fmt::format("{:02}:{:02}:{:02}{}{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60,
                     rate.drop_frame() ? ';' : ':', label % base);
}

}  // namespace herlens::report
