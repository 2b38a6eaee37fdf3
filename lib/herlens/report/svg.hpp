#pragma once
// The report page's charts as SVG: text stays text (sharp at any size, searchable), axes get
// round-number ticks and times read HH:MM:SS. Each chart is a pure function of plain data, so the
// page decides what to show and the charts only draw; each scales to the width of the page.
#include <optional>
#include <string>
#include <vector>

namespace herlens::report {

// Evenly spaced round values (1, 2 or 5 times a power of ten) covering [low, high], at most
// about `most` of them.
std::vector<double> nice_ticks(double low, double high, int most);
// The same for times: steps of 1, 2, 5, 10, 15, 30 seconds, 1, 2, 5, 10, 15, 30 minutes or hours.
std::vector<double> time_ticks(double low, double high, int most);
// "00:01:30": an axis label (with tenths when the ticks are closer than a second).
std::string axis_time(double seconds, bool tenths = false);

// Something drawn on a time lane: [start, end) in seconds, a CSS colour, and the tooltip a reader
// sees hovering it.
struct Span {
  double start = 0, end = 0;
  std::string colour;
  std::string tooltip;
  std::string link;  // "#shot-3": where a click goes; empty for none
};

struct Lane {
  std::string name;  // "Shots", written left of the lane
  std::vector<Span> spans;
  std::string image;  // a picture (its URI: a file beside the page) stretched over the whole lane instead (the barcode)
};

struct LegendEntry {
  std::string colour;
  std::string label;
};

// The whole film at a glance: one lane per row over a shared time axis from 0 to `duration`
// seconds, a legend below.
std::string timeline_svg(const std::vector<Lane>& lanes, double duration,
                         const std::vector<LegendEntry>& legend);

// A shot in the shot-length graph.
struct ShotBar {
  int number = 0;     // from 1
  double start = 0;   // seconds
  double length = 0;  // seconds
  std::string colour;
  bool marked = false;  // a longest take: labelled
  std::string link;     // "#shot-3"
};

// Cinemetrics' graph: each shot's length (y, seconds) at its place in the film (x, time), a moving
// average of `window` shots, the longest takes labelled.
std::string shot_length_svg(const std::vector<ShotBar>& shots, double duration, int window,
                            const std::vector<LegendEntry>& legend);

// How many shots last how long: bins of a round width in seconds; the mean and median marked.
std::string shot_histogram_svg(const std::vector<double>& lengths, double mean, double median);

// A horizontal bar per entry, with its value written after the bar as `formatted`.
struct HBar {
  std::string label;
  double value = 0;
  std::string formatted;  // "9.2%"
  std::string colour;
  std::string tooltip;
};
// `axis`: what the values are ("share of pixels"); `high`: the value at the right edge (0: the
// largest value).
std::string bar_chart_svg(const std::vector<HBar>& bars, const std::string& axis, double high = 0);

// A picture (its URI) as wide as the chart with a time axis under it: the barcode.
std::string image_with_time_axis_svg(const std::string& image, double duration, int image_height);

}  // namespace herlens::report
