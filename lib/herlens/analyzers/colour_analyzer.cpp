#include "herlens/analyzers/colour_analyzer.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "herlens/media/picture_scaler.hpp"

namespace herlens::analyzers {

namespace {

using metrics::Border;
using metrics::ColourTally;
using metrics::EvidenceCandidate;
using metrics::Family;
using metrics::FrameColour;

// Two frames look alike when their mean colours are within a few L*a*b* units and the family
// covers about the same share of both.
bool same_look(const EvidenceCandidate& candidate, double share, const metrics::Lab& mean) {
  constexpr double max_mean_distance = 8, max_share_difference = 0.1;
  const double dl = candidate.mean.L - mean.L, da = candidate.mean.a - mean.a, db = candidate.mean.b - mean.b;
  return std::sqrt(dl * dl + da * da + db * db) < max_mean_distance &&
         std::abs(candidate.share - share) < max_share_difference;
}

}  // namespace

ColourAnalyzer::ColourAnalyzer(const metrics::ColourParams& params) : params_(params) { params_.validate(); }

void ColourAnalyzer::on_video(const media::VideoFrame& video) {
  if (seen_.frames.empty()) seen_.picture_size = video.pixels.size();
  const cv::Mat* pixels = &video.pixels;
  if (video.pixels.size() != seen_.picture_size) {  // a mid-stream size change: bars are measured on one size
    cv::resize(video.pixels, fitted_, seen_.picture_size, 0, 0, cv::INTER_NEAREST);
    pixels = &fitted_;
  }
  FrameColour& frame = seen_.frames.emplace_back();
  frame.index = video.index;
  frame.time = video.time;
  frame.duration = video.duration;
  measure(*pixels, frame);
  sample(video.picture, frame.border, int64_t(seen_.frames.size()) - 1);
  offer_evidence(video.picture, frame);
}

void ColourAnalyzer::measure(const cv::Mat& pixels, FrameColour& frame) {
  rows_.assign(pixels.rows, RowDark{});
  columns_.assign(pixels.cols, 0);
  // Counts per class byte (family, pastel, near-black bits), in four copies taken in turn:
  // neighbouring pixels are mostly alike and would otherwise wait on each other's increment.
  std::array<std::array<int, 64>, 4> classes{};
  int64_t lightness = 0, a = 0, b = 0, chroma = 0;  // sums times 100
  for (int y = 0; y < pixels.rows; ++y) {
    const uint8_t* p = pixels.ptr<uint8_t>(y);
    RowDark& row = rows_[y];
    for (int x = 0; x < pixels.cols; ++x, p += 3) {
      const metrics::PixelClass pixel = classify_(p[0], p[1], p[2]);
      const auto& lab = classify_.approximate_lab(p[0], p[1], p[2]);
      ++classes[x & 3][pixel.bits];
      lightness += lab[0], a += lab[1], b += lab[2], chroma += lab[3];
      if (pixel.near_black()) {
        ++columns_[x];
        ++row.count;
        row.lightness += lab[0], row.a += lab[1], row.b += lab[2], row.chroma += lab[3];
      }
    }
  }
  ColourTally& all = frame.all;
  for (const auto& copy : classes)
    for (size_t bits = 0; bits < copy.size(); ++bits) {
      const metrics::PixelClass pixel{uint8_t(bits)};
      const auto family = size_t(pixel.family());
      if (family >= all.family.size()) continue;  // family bits no pixel has: the classifier never makes them
      all.family[family] += copy[bits];
      if (pixel.pastel()) all.pastel += copy[bits];
    }
  all.pixels = int64_t(pixels.total());
  all.lightness = lightness / 100.0, all.a = a / 100.0, all.b = b / 100.0, all.chroma = chroma / 100.0;

  std::vector<int> row_counts(rows_.size());
  std::transform(rows_.begin(), rows_.end(), row_counts.begin(), [](const RowDark& row) { return row.count; });
  frame.border = metrics::dark_border(row_counts, columns_, pixels.size(), params_.letterbox.min_dark_fraction);

  // Near-black pixels of the border: whole rows of the top and bottom bands, then the side bands
  // between them, pixel by pixel (they are few).
  const Border& border = frame.border;
  const int inner_top = std::min(border.top, pixels.rows);
  const int inner_bottom = std::max(inner_top, pixels.rows - border.bottom);
  RowDark dark;
  const auto add = [&dark](const RowDark& r) {
    dark.count += r.count, dark.lightness += r.lightness, dark.a += r.a, dark.b += r.b, dark.chroma += r.chroma;
  };
  for (int y = 0; y < pixels.rows; ++y)
    if (y < inner_top || y >= inner_bottom) add(rows_[y]);
  const auto add_near_black = [&](const uint8_t* p) {
    if (!classify_(p[0], p[1], p[2]).near_black()) return;
    const auto& lab = classify_.approximate_lab(p[0], p[1], p[2]);
    add({1, lab[0], lab[1], lab[2], lab[3]});
  };
  const int left_end = std::min(border.left, pixels.cols);
  const int right_start = std::max(border.left, pixels.cols - border.right);
  for (int y = inner_top; y < inner_bottom; ++y) {
    const uint8_t* row = pixels.ptr<uint8_t>(y);
    for (int x = 0; x < left_end; ++x) add_near_black(row + 3 * x);
    for (int x = right_start; x < pixels.cols; ++x) add_near_black(row + 3 * x);
  }
  ColourTally& border_dark = frame.border_dark;
  border_dark.family[size_t(Family::black)] = border_dark.pixels = dark.count;
  border_dark.lightness = dark.lightness / 100.0, border_dark.a = dark.a / 100.0;
  border_dark.b = dark.b / 100.0, border_dark.chroma = dark.chroma / 100.0;
}

void ColourAnalyzer::sample(const cv::Mat& picture, const Border& border, int64_t position) {
  // From the analysis picture (its area averages make steadier palettes than single pixels), inside
  // the frame's own border (everywhere when it is dark all over), at positions scattered by a hash
  // of the frame and sample number so successive frames cover the picture.
  const cv::Size grid = seen_.picture_size;
  const cv::Rect active = border.covers(grid) ? cv::Rect({}, grid) : border.inside(grid);
  // The grid's active area on the picture: at least one pixel.
  const auto across = [](int first, int end, int from, int to) {
    const int begin = std::min(int(int64_t(first) * to / from), to - 1);
    return std::pair{begin, std::max(int(int64_t(end) * to / from), begin + 1)};
  };
  const auto [left, right] = across(active.x, active.br().x, grid.width, picture.cols);
  const auto [top, bottom] = across(active.y, active.br().y, grid.height, picture.rows);
  const cv::Rect area(cv::Point(left, top), cv::Point(right, bottom));
  for (int i = 0; i < params_.samples_per_frame; ++i) {
    uint64_t h = (uint64_t(position) << 16 | uint64_t(i)) * 0x9e3779b97f4a7c15ull;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    const int x = area.x + int(h % uint64_t(area.width));
    const int y = area.y + int((h >> 32) % uint64_t(area.height));
    const uint8_t* p = picture.ptr<uint8_t>(y) + 3 * x;
    seen_.samples.push_back({p[2], p[1], p[0]});
  }
}

void ColourAnalyzer::offer_evidence(const cv::Mat& picture, const FrameColour& frame) {
  if (params_.evidence_per_family == 0) return;
  const size_t capacity = size_t(params_.evidence_per_family) * params_.evidence_pool;
  const cv::Size size = seen_.picture_size;
  const ColourTally shown = frame.border.covers(size) ? frame.all : frame.active(frame.border, size);
  const metrics::Lab mean = shown.mean();
  cv::Mat thumbnail;  // made at most once per frame, shared by the families that keep it
  const auto thumb = [&] {
    if (thumbnail.empty())
      cv::resize(picture, thumbnail,
                 media::scaled_size(picture.cols, picture.rows, {}, params_.thumbnail_width), 0, 0, cv::INTER_AREA);
    return thumbnail;
  };
  for (Family family : metrics::all_families) {
    const double share = shown.share(family);
    if (share <= 0 || share < params_.evidence_min_share) continue;
    auto& pool = seen_.candidates[size_t(family)];
    // Frames arrive in time order, so only the newest candidate can be within the gap. Close in
    // time and alike in colour, the two are most likely one shot: keep the stronger. A cut
    // changes the look, so the shot before it keeps its candidate.
    const auto newest = std::max_element(pool.begin(), pool.end(),
                                         [](const auto& x, const auto& y) { return x.time < y.time; });
    EvidenceCandidate* slot = nullptr;
    if (newest != pool.end() && frame.time - newest->time < params_.evidence_gap_seconds &&
        same_look(*newest, share, mean)) {
      if (share > newest->share) slot = &*newest;
    } else if (pool.size() < capacity) {
      slot = &pool.emplace_back();
    } else {
      const auto weakest = std::min_element(pool.begin(), pool.end(),
                                            [](const auto& x, const auto& y) { return x.share < y.share; });
      if (share > weakest->share) slot = &*weakest;
    }
    if (slot) *slot = {frame.index, frame.time, share, mean, thumb()};
  }
}

}  // namespace herlens::analyzers
