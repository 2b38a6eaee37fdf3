#include "herlens/report/svg.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "herlens/report/html.hpp"

namespace herlens::report {

namespace {

// Every chart is drawn in a 1000-unit-wide box and scaled to the page: at a laptop's 900-1100 px
// column, 13 units of text are 12-14 px.
constexpr double chart_width = 1000;
constexpr double font_size = 13;
constexpr const char* ink = "#222";
constexpr const char* faint = "#ddd";
constexpr const char* muted = "#666";
constexpr const char* average_colour = "#333";  // lines of averages: no category's colour

std::string attribute(const std::string& text) { return html_escape(text); }

// A rough width of text at font_size: enough to keep labels from running into each other.
double text_width(const std::string& text) { return 0.58 * font_size * double(text.size()); }

class Chart {
 public:
  explicit Chart(std::string title) : title_(std::move(title)) {}

  void add(const std::string& element) { body_ += element; }

  void text(double x, double y, const std::string& words, const char* anchor = "start",
            const char* colour = ink, const char* extra = "") {
    body_ += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="{}" fill="{}"{}>{}</text>)", x,
                         y, anchor, colour, extra, html_escape(words));
  }

  void line(double x1, double y1, double x2, double y2, const char* colour, double width = 1,
            const char* extra = "") {
    body_ += fmt::format(
        R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="{}" stroke-width="{}"{}/>)",
        x1, y1, x2, y2, colour, width, extra);
  }

  // A rectangle with a tooltip and, when `link` is set, a link.
  void rect(double x, double y, double w, double h, const std::string& colour,
            const std::string& tooltip = "", const std::string& link = "") {
    std::string element =
        fmt::format(R"(<rect x="{:.2f}" y="{:.1f}" width="{:.2f}" height="{:.1f}" fill="{}">)", x,
                    y, std::max(w, 0.6), std::max(h, 0.0), attribute(colour));
    element += tooltip.empty() ? "" : "<title>" + html_escape(tooltip) + "</title>";
    element += "</rect>";
    body_ +=
        link.empty() ? element : fmt::format(R"(<a href="{}">{}</a>)", attribute(link), element);
  }

  // Squares and labels in rows from (x, y), wrapping at the chart's right edge; the y after them.
  double legend(double x, double y, const std::vector<LegendEntry>& entries) {
    double at = x;
    for (const LegendEntry& entry : entries) {
      const double width = 18 + text_width(entry.label) + 18;
      if (at + width > chart_width && at > x) at = x, y += 20;
      rect(at, y - 10, 12, 12, entry.colour);
      text(at + 17, y, entry.label);
      at += width;
    }
    return y + 20;
  }

  std::string svg(double height) const {
    return fmt::format(
        R"(<svg class=chart viewBox="0 0 {} {:.0f}" role="img" aria-label="{}" font-size="{}" font-family="system-ui,sans-serif" xmlns="http://www.w3.org/2000/svg">{}</svg>)",
        chart_width, height, attribute(title_), font_size, body_);
  }

 private:
  std::string title_;
  std::string body_;
};

// Where a value lands on an axis from `from` to `to` (pixels) for [low, high].
struct Scale {
  double low, high, from, to;
  double operator()(double value) const {
    return high > low ? from + (to - from) * (value - low) / (high - low) : (from + to) / 2;
  }
};

// The time axis under a plot: ticks, HH:MM:SS labels, and light vertical grid lines up to `top`.
void time_axis(Chart& chart, const Scale& x, double y, double top, double duration) {
  const std::vector<double> ticks = time_ticks(0, duration, 10);
  const bool tenths = ticks.size() > 1 && ticks[1] - ticks[0] < 1;
  chart.line(x.from, y, x.to, y, muted);
  for (const double t : ticks) {
    chart.line(x(t), top, x(t), y, faint, 1, R"( stroke-dasharray="2 3")");
    chart.line(x(t), y, x(t), y + 5, muted);
    chart.text(x(t), y + 19, axis_time(t, tenths), "middle", muted);
  }
}

// The value axis left of a plot from `left` to `right`: light horizontal grid lines at `ticks`,
// their values, and `label` written upwards along the axis.
void value_axis(Chart& chart, const Scale& y, const std::vector<double>& ticks, double left, double right,
                const std::string& label) {
  for (const double v : ticks) {
    chart.line(left, y(v), right, y(v), faint);
    chart.text(left - 6, y(v) + 4, fmt::format("{:g}", v), "end", muted);
  }
  const double middle = (y.from + y.to) / 2;
  chart.text(14, middle, label, "middle", muted,
             fmt::format(R"svg( transform="rotate(-90 14 {:.1f})")svg", middle).c_str());
}

std::string seconds_label(double value) { return fmt::format("{:g} s", value); }

}  // namespace

std::vector<double> nice_ticks(double low, double high, int most) {
  if (!(high > low) || most < 1) return {low};
  const double rough = (high - low) / most;
  const double power = std::pow(10.0, std::floor(std::log10(rough)));
  double step = power * 10;
  for (const double factor : {1.0, 2.0, 5.0, 10.0})
    if (power * factor >= rough) {
      step = power * factor;
      break;
    }
  std::vector<double> ticks;
  for (double t = std::ceil(low / step - 1e-9) * step; t <= high + step * 1e-9; t += step)
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  return ticks;
}

std::vector<double> time_ticks(double low, double high, int most) {
  if (!(high > low) || most < 1) return {low};
  constexpr double steps[] = {0.1, 0.2, 0.5, 1,   2,   5,    10,   15,   30,
                              60,  120, 300, 600, 900, 1800, 3600, 7200, 18000};
  const double rough = (high - low) / most;
  double step = steps[std::size(steps) - 1];
  for (const double s : steps)
    if (s >= rough) {
      step = s;
      break;
    }
  std::vector<double> ticks;
  for (double t = std::ceil(low / step - 1e-9) * step; t <= high + step * 1e-9; t += step)
    ticks.push_back(t);
  return ticks;
}

std::string axis_time(double seconds, bool tenths) {
  const auto tenth = static_cast<int64_t>(std::llround(std::max(0.0, seconds) * 10));
  const int64_t s = tenth / 10;
  std::string out = fmt::format("{:02}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
  return tenths ? out + fmt::format(".{}", tenth % 10) : out;
}

std::string timeline_svg(const std::vector<Lane>& lanes, double duration,
                         const std::vector<LegendEntry>& legend) {
  Chart chart("Timeline of the film");
  constexpr double left = 110, right = chart_width - 15, lane_height = 26, gap = 8, top = 8;
  const Scale x{0, duration, left, right};
  const auto height_of = [](const Lane& lane) {
    return lane.image.empty() ? lane_height : lane_height * 1.6;
  };
  double bottom = top;
  for (const Lane& lane : lanes) bottom += height_of(lane) + gap;
  time_axis(chart, x, bottom, top, duration);  // first, so the lanes cover its grid lines
  double y = top;
  for (const Lane& lane : lanes) {
    const double height = height_of(lane);
    chart.text(left - 10, y + height / 2 + 4, lane.name, "end");
    chart.rect(left, y, right - left, height, "#f3f1ec");
    if (!lane.image.empty())
      chart.add(fmt::format(
          R"(<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" href="{}"/>)",
          left, y, right - left, height, attribute(lane.image)));
    for (const Span& span : lane.spans)
      chart.rect(x(span.start), y, x(span.end) - x(span.start), height, span.colour, span.tooltip,
                 span.link);
    y += height + gap;
  }
  const double end = chart.legend(left, y + 44, legend);
  return chart.svg(end);
}

std::string shot_length_svg(const std::vector<ShotBar>& shots, double duration, int window,
                            const std::vector<LegendEntry>& legend) {
  Chart chart("Shot lengths through the film");
  constexpr double left = 60, right = chart_width - 15, top = 24, bottom = 300;
  double longest = 1;
  for (const ShotBar& shot : shots) longest = std::max(longest, shot.length);
  const std::vector<double> y_ticks = nice_ticks(0, longest * 1.08, 6);
  const Scale x{0, duration, left, right};
  const Scale y{0, std::max(y_ticks.back(), longest), bottom, top};
  value_axis(chart, y, y_ticks, left, right, "shot length (seconds)");
  time_axis(chart, x, bottom, top, duration);
  chart.text((left + right) / 2, bottom + 38,
             "position in the film (HH:MM:SS, where the shot starts)", "middle", muted);
  // Bars as wide as a few shots allow, never so wide that neighbours merge.
  const double bar =
      std::clamp((right - left) / double(std::max<size_t>(shots.size(), 1)) * 0.5, 2.0, 12.0);
  for (const ShotBar& shot : shots) {
    const double at = x(shot.start);
    const std::string tooltip = fmt::format("shot {} at {}: {:.2f} s", shot.number,
                                            axis_time(shot.start, true), shot.length);
    chart.rect(at, y(shot.length), bar, bottom - y(shot.length), shot.colour, tooltip, shot.link);
  }
  // The moving average: the mean length of the `window` shots centred on each, drawn at its start.
  if (shots.size() >= 2 && window >= 2) {
    std::string points;
    const size_t half = size_t(window) / 2;
    for (size_t k = 0; k < shots.size(); ++k) {
      const size_t from = k >= half ? k - half : 0, to = std::min(shots.size(), k + half + 1);
      double sum = 0;
      for (size_t j = from; j < to; ++j) sum += shots[j].length;
      points +=
          fmt::format("{:.1f},{:.1f} ", x(shots[k].start) + bar / 2, y(sum / double(to - from)));
    }
    chart.add(fmt::format(
        R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" stroke-dasharray="8 3"/>)",
        points, average_colour));
  }
  for (const ShotBar& shot : shots)
    if (shot.marked) {
      const double at = x(shot.start) + bar / 2;
      chart.add(fmt::format(
          R"(<circle cx="{:.1f}" cy="{:.1f}" r="5" fill="#fff" stroke="{}" stroke-width="2"/>)", at,
          y(shot.length), ink));
      // Above the top of its bar, clear of the chart's edges; beside it where there is no room
      // above.
      const std::string label = fmt::format("shot {}: {:.1f} s", shot.number, shot.length);
      if (y(shot.length) - 9 - font_size >= 0) {
        const char* anchor = at > right - 60 ? "end" : at < left + 60 ? "start" : "middle";
        chart.text(at, y(shot.length) - 9, label, anchor);
      } else {
        const bool room_right = at + 10 + text_width(label) < right;
        chart.text(at + (room_right ? 10 : -10), y(shot.length) + 5, label,
                   room_right ? "start" : "end");
      }
    }
  std::vector<LegendEntry> entries = legend;
  entries.push_back({average_colour, fmt::format("moving average over {} shots", window)});
  const double end = chart.legend(left, bottom + 62, entries);
  return chart.svg(end);
}

std::string shot_histogram_svg(const std::vector<double>& lengths, double mean, double median) {
  Chart chart("How many shots last how long");
  constexpr double left = 60, right = chart_width - 15, top = 14, bottom = 220;
  double longest = 1;
  for (const double length : lengths) longest = std::max(longest, length);
  // A round bin width giving 8 to 25 bins.
  const std::vector<double> edges_hint = nice_ticks(0, longest, 20);
  const double bin = edges_hint.size() > 1 ? edges_hint[1] - edges_hint[0] : 1;
  const size_t bins = size_t(std::floor(longest / bin)) + 1;
  std::vector<int> counts(bins, 0);
  for (const double length : lengths)
    ++counts[std::min(bins - 1, size_t(std::max(0.0, length) / bin))];
  const int most = std::max(1, *std::max_element(counts.begin(), counts.end()));
  const std::vector<double> y_ticks = nice_ticks(0, most, std::min(most, 5));
  const Scale x{0, bin * double(bins), left, right};
  const Scale y{0, std::max<double>(y_ticks.back(), most), bottom, top};
  value_axis(chart, y, y_ticks, left, right, "shots");
  for (size_t b = 0; b < bins; ++b)
    if (counts[b] > 0)
      chart.rect(x(bin * double(b)) + 1, y(counts[b]), x(bin) - x(0) - 2, bottom - y(counts[b]),
                 "#4a7ab0",
                 fmt::format("{} shot{} of {:g} to {:g} s", counts[b], counts[b] == 1 ? "" : "s",
                             bin * double(b), bin * double(b + 1)));
  chart.line(left, bottom, right, bottom, muted);
  for (const double v : nice_ticks(0, bin * double(bins), 10)) {
    chart.line(x(v), bottom, x(v), bottom + 5, muted);
    chart.text(x(v), bottom + 19, seconds_label(v), "middle", muted);
  }
  chart.text((left + right) / 2, bottom + 38, "shot length (seconds)", "middle", muted);
  constexpr const char* median_colour = "#d35400";
  chart.line(x(mean), top, x(mean), bottom, average_colour, 2.5, R"( stroke-dasharray="8 3")");
  chart.line(x(median), top, x(median), bottom, median_colour,
             3);  // solid: it often runs inside a bar
  const double end = chart.legend(left, bottom + 62,
                                  {{"#4a7ab0", "shots in each bin"},
                                   {average_colour, fmt::format("mean (ASL) {:.1f} s", mean)},
                                   {median_colour, fmt::format("median (MSL) {:.1f} s", median)}});
  return chart.svg(end);
}

std::string bar_chart_svg(const std::vector<HBar>& bars, const std::string& axis, double high) {
  Chart chart(axis);
  constexpr double row = 24, top = 8;
  double label_width = 60;
  for (const HBar& bar : bars) label_width = std::max(label_width, text_width(bar.label) + 12);
  double value_width = 40;
  for (const HBar& bar : bars) value_width = std::max(value_width, text_width(bar.formatted) + 12);
  const double left = std::min(label_width, 320.0), right = chart_width - value_width;
  double largest = high;
  for (const HBar& bar : bars) largest = std::max(largest, bar.value);
  const Scale x{0, largest > 0 ? largest : 1, left, right};
  for (size_t i = 0; i < bars.size(); ++i) {
    const double y = top + row * double(i);
    chart.text(left - 8, y + row / 2 + 4, bars[i].label, "end");
    chart.rect(
        left, y + 4, x(std::max(0.0, bars[i].value)) - left, row - 8, bars[i].colour,
        bars[i].tooltip.empty() ? bars[i].label + ": " + bars[i].formatted : bars[i].tooltip);
    chart.text(x(std::max(0.0, bars[i].value)) + 6, y + row / 2 + 4, bars[i].formatted, "start",
               muted);
  }
  const double bottom = top + row * double(bars.size());
  chart.line(left, top, left, bottom, muted);
  chart.text(left, bottom + 18, axis, "start", muted);
  return chart.svg(bottom + 26);
}

std::string image_with_time_axis_svg(const std::string& image, double duration, int image_height) {
  Chart chart("Colour barcode with its time axis");
  constexpr double left = 40, right = chart_width - 40,
                   top = 4;  // room for the first and last labels
  chart.add(fmt::format(
      R"(<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" href="{}"/>)", left,
      top, right - left, image_height, attribute(image)));
  time_axis(chart, {0, duration, left, right}, top + image_height, top + image_height, duration);
  return chart.svg(top + image_height + 28);
}

}  // namespace herlens::report
