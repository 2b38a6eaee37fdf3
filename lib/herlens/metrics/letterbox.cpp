#include "herlens/metrics/letterbox.hpp"

#include <algorithm>
#include <cstdlib>

#include "herlens/metrics/colour.hpp"

namespace herlens::metrics {

namespace {

// How many lines from the front of `counts` are dark, each line holding `line_length` pixels.
int dark_run(auto first, auto last, int line_length, double min_dark_fraction) {
  const double needed = min_dark_fraction * line_length;
  int run = 0;
  for (auto it = first; it != last && *it >= needed; ++it) ++run;
  return run;
}

bool centred(int one_side, int other_side, int length, double tolerance) {
  return std::abs(one_side - other_side) <= tolerance * length + 1;
}

}  // namespace

int64_t Border::area(cv::Size size) const {
  if (covers(size)) return int64_t(size.width) * size.height;
  const int inner_height = size.height - top - bottom;
  return int64_t(top + bottom) * size.width + int64_t(left + right) * inner_height;
}

cv::Rect Border::inside(cv::Size size) const {
  if (covers(size)) return {};
  return {left, top, size.width - left - right, size.height - top - bottom};
}

const params::Table<LetterboxParams>& LetterboxParams::table() {
  using P = LetterboxParams;
  static const params::Table<P> table{
      "letterbox",
      {{"min_dark_fraction", "", "Near-black share of a row or column that makes it a bar", &P::min_dark_fraction,
        0.5, 1},
       {"min_shot_frames", "", "Frames a shot needs for its own bars to count", &P::min_shot_frames, 1, 100000},
       {"symmetry_tolerance", "", "How unequal opposite bars may be, as a share of the picture",
        &P::symmetry_tolerance, 0, 1}}};
  return table;
}

Border dark_border(std::span<const int> rows, std::span<const int> columns, cv::Size size,
                   double min_dark_fraction) {
  Border border;
  border.top = dark_run(rows.begin(), rows.end(), size.width, min_dark_fraction);
  if (border.top == size.height) return border;  // dark all over
  border.bottom = dark_run(rows.rbegin(), rows.rend(), size.width, min_dark_fraction);
  border.left = dark_run(columns.begin(), columns.end(), size.height, min_dark_fraction);
  border.right = dark_run(columns.rbegin(), columns.rend(), size.height, min_dark_fraction);
  return border;
}

Border measure_dark_border(const cv::Mat& bgr, double min_dark_fraction) {
  CV_Assert(bgr.type() == CV_8UC3);
  const PixelClassifier classify;
  std::vector<int> rows(bgr.rows), columns(bgr.cols);
  for (int y = 0; y < bgr.rows; ++y) {
    const uint8_t* p = bgr.ptr<uint8_t>(y);
    for (int x = 0; x < bgr.cols; ++x, p += 3) {
      const int dark = classify(p[0], p[1], p[2]).near_black();
      rows[y] += dark;
      columns[x] += dark;
    }
  }
  return dark_border(rows, columns, bgr.size(), min_dark_fraction);
}

Border common_bars(std::span<const Border> frames, cv::Size size) {
  Border bars;
  bool any = false;
  for (const Border& b : frames) {
    if (b.covers(size)) continue;
    if (!any) {
      bars = b;
      any = true;
      continue;
    }
    bars = {std::min(bars.top, b.top), std::min(bars.bottom, b.bottom), std::min(bars.left, b.left),
            std::min(bars.right, b.right)};
  }
  return bars;
}

ActiveAreas active_areas(std::span<const Border> frames, const std::vector<Shot>& shots,
                         cv::Size size, const LetterboxParams& params) {
  params.validate();
  ActiveAreas areas;
  areas.stream = common_bars(frames, size);
  for (const Shot& shot : shots) {
    Border bars = areas.stream;
    const int64_t first = std::clamp<int64_t>(shot.start_frame, 0, int64_t(frames.size()));
    const int64_t last = std::clamp<int64_t>(shot.end_frame, first, int64_t(frames.size()));
    const auto own = frames.subspan(first, last - first);
    const auto showing = std::count_if(own.begin(), own.end(), [&](const Border& b) { return !b.covers(size); });
    if (showing >= params.min_shot_frames) {
      const Border shot_bars = common_bars(own, size);
      // Widen one axis at a time, and only with centred bars: a dark sky or floor is one-sided.
      if (centred(shot_bars.top, shot_bars.bottom, size.height, params.symmetry_tolerance)) {
        bars.top = std::max(bars.top, shot_bars.top);
        bars.bottom = std::max(bars.bottom, shot_bars.bottom);
      }
      if (centred(shot_bars.left, shot_bars.right, size.width, params.symmetry_tolerance)) {
        bars.left = std::max(bars.left, shot_bars.left);
        bars.right = std::max(bars.right, shot_bars.right);
      }
    }
    areas.shots.push_back(bars);
  }
  return areas;
}

}  // namespace herlens::metrics
