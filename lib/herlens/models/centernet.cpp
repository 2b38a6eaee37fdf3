#include "herlens/models/centernet.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"
#include "herlens/models/model_files.hpp"
#include "herlens/models/onnx_reader.hpp"

namespace herlens::models {
namespace {

// The network's heatmaps (sigmoid applied) and box sides (scaled to input pixels), before the
// graph's own decoding, which herlens does itself.
constexpr const char* heatmap_output = "tower_0/keypoints";
constexpr const char* sides_output = "tower_0/wh";
constexpr size_t person_class = 0;

float overlap(const cv::Rect2f& a, const cv::Rect2f& b) {
  const float shared = (a & b).area(), joined = a.area() + b.area() - shared;
  return joined > 0 ? shared / joined : 0.0f;
}

// The best boxes first, each kept unless it overlaps a kept one by more than max_overlap.
std::vector<PersonBox> suppress_overlaps(std::vector<PersonBox> found, const CenterNetDecoding& decoding) {
  std::stable_sort(found.begin(), found.end(), [](const PersonBox& a, const PersonBox& b) { return a.score > b.score; });
  std::vector<PersonBox> kept;
  for (const PersonBox& candidate : found) {
    if (int(kept.size()) >= decoding.max_people) break;
    if (std::none_of(kept.begin(), kept.end(),
                     [&](const PersonBox& k) { return overlap(k.box, candidate.box) > decoding.max_overlap; }))
      kept.push_back(candidate);
  }
  return kept;
}

}  // namespace

void CenterNetDecoding::validate() const {
  check_range("centernet", "min_score", min_score, 1e-3, 0.999);
  check_range("centernet", "max_overlap", max_overlap, 0.0, 1.0);
  check_range("centernet", "max_people", max_people, 1, 100);
}

std::vector<PersonBox> decode_centernet_people(const CenterNetOutputs& out, const CenterNetDecoding& decoding) {
  const auto heat = [&](int row, int col) {
    return out.heatmaps[(size_t(row) * out.width + col) * centernet_class_count + person_class];
  };
  std::vector<PersonBox> found;
  for (int row = 0; row < out.height; ++row)
    for (int col = 0; col < out.width; ++col) {
      const float score = heat(row, col);
      if (score < decoding.min_score) continue;
      // A peak: no neighbour in the 3x3 window scores higher (the graph's own test, a max pool).
      bool peak = true;
      for (int dy = -1; dy <= 1 && peak; ++dy)
        for (int dx = -1; dx <= 1 && peak; ++dx) {
          const int y = row + dy, x = col + dx;
          if (y >= 0 && y < out.height && x >= 0 && x < out.width && heat(y, x) > score) peak = false;
        }
      if (!peak) continue;
      const float* side = out.sides.data() + (size_t(row) * out.width + col) * 4;
      const float cx = float(col * centernet_stride), cy = float(row * centernet_stride);
      found.push_back({cv::Rect2f(cv::Point2f(cx - side[0], cy - side[1]), cv::Point2f(cx + side[2], cy + side[3])),
                       score});
    }
  return suppress_overlaps(std::move(found), decoding);
}

std::vector<cv::Rect> centernet_tiles(cv::Size size) {
  const int short_side = std::min(size.width, size.height), long_side = std::max(size.width, size.height);
  if (short_side <= 0 || long_side <= centernet_max_squeeze * short_side) return {cv::Rect({0, 0}, size)};
  // The fewest tiles, each at most centernet_max_squeeze times as long as wide, that overlap by the
  // minimum share: n tiles of length t cover n t - (n - 1) o t of the long side. Each is then as
  // short as that allows, down to a square; past centernet_max_tiles they grow longer.
  constexpr double overlap = centernet_min_tile_overlap;
  const double spread = (double(long_side) / (centernet_max_squeeze * short_side) - overlap) / (1 - overlap);
  const int count = std::min(int(std::ceil(spread - 1e-9)), centernet_max_tiles);
  const int length = std::max(short_side, int(std::ceil(long_side / (count - (count - 1) * overlap))));
  std::vector<cv::Rect> tiles;
  for (int i = 0; i < count; ++i) {
    const int start = int(std::lround(double(long_side - length) * i / (count - 1)));
    tiles.push_back(size.width > size.height ? cv::Rect(start, 0, length, short_side)
                                             : cv::Rect(0, start, short_side, length));
  }
  return tiles;
}

std::vector<PersonBox> merge_tile_boxes(std::span<const cv::Rect> tiles, std::span<const std::vector<PersonBox>> found,
                                        cv::Size picture, const CenterNetDecoding& decoding) {
  // Whether a box reaches to within two cells of an edge its tile shares with the picture's inside
  // (a cell spans a tile's 1/128th across and down).
  const auto cut = [&](const PersonBox& person, const cv::Rect& tile) {
    const float cells = 2.0f * centernet_stride / centernet_input_size;
    const float reach_x = cells * float(tile.width), reach_y = cells * float(tile.height);
    const cv::Rect2f& box = person.box;
    return (tile.x > 0 && box.x < tile.x + reach_x) || (tile.y > 0 && box.y < tile.y + reach_y) ||
           (tile.br().x < picture.width && box.br().x > tile.br().x - reach_x) ||
           (tile.br().y < picture.height && box.br().y > tile.br().y - reach_y);
  };
  std::vector<PersonBox> candidates;
  for (size_t i = 0; i < tiles.size(); ++i)
    for (const PersonBox& person : found[i]) {
      const bool held_whole_elsewhere = cut(person, tiles[i]) && [&] {
        for (size_t j = 0; j < tiles.size(); ++j)
          if (j != i)
            for (const PersonBox& other : found[j])
              if ((other.box & person.box).area() > 0.5f * person.box.area() && !cut(other, tiles[j])) return true;
        return false;
      }();
      if (!held_whole_elsewhere) candidates.push_back(person);
    }
  return suppress_overlaps(std::move(candidates), decoding);
}

CenterNetPersonFinder::CenterNetPersonFinder(const std::filesystem::path& model_dir, CenterNetDecoding decoding)
    : decoding_(decoding) {
  decoding_.validate();
  const std::filesystem::path topology = find_model("centernet.json", model_dir);
  files_ = {topology, topology.parent_path() / "centernet.bin"};
  graph_ = TfjsGraph::load(topology, {heatmap_output, sides_output});
}

std::vector<PersonBox> CenterNetPersonFinder::find(const cv::Mat& bgr) const {
  if (bgr.empty()) return {};
  const std::vector<cv::Rect> tiles = centernet_tiles(bgr.size());
  std::vector<std::vector<PersonBox>> found;
  for (const cv::Rect& tile : tiles) {
    std::vector<PersonBox>& people = found.emplace_back(find_in_tile(bgr(tile)));
    for (PersonBox& person : people) person.box += cv::Point2f(float(tile.x), float(tile.y));
  }
  return merge_tile_boxes(tiles, found, bgr.size(), decoding_);
}

std::vector<PersonBox> CenterNetPersonFinder::find_in_tile(const cv::Mat& bgr) const {
  constexpr int size = centernet_input_size;
  cv::Mat resized, rgb;
  cv::resize(bgr, resized, {size, size}, 0, 0, cv::INTER_LINEAR);
  cv::cvtColor(resized, rgb, cv::COLOR_BGR2RGB);
  // The network takes pixel values as they are, 0 to 255.
  TfjsTensor input{{1, size, size, 3}, std::vector<float>(size_t(size) * size * 3)};
  rgb.reshape(1, 1).convertTo(cv::Mat(1, int(input.values.size()), CV_32F, input.values.data()), CV_32F);
  const std::vector<TfjsTensor> outputs = graph_.run(input, {heatmap_output, sides_output});
  const auto grid = [&](const TfjsTensor& t, int64_t channels) {
    return t.shape.size() == 4 && t.shape[1] == size / centernet_stride && t.shape[2] == size / centernet_stride &&
           t.shape[3] == channels;
  };
  if (!grid(outputs[0], centernet_class_count) || !grid(outputs[1], 4))
    throw Error(ErrorKind::model, model_error(files_.front().string(), "outputs are not CenterNet's grids"));
  std::vector<PersonBox> people = decode_centernet_people(
      {size / centernet_stride, size / centernet_stride, outputs[0].values, outputs[1].values}, decoding_);
  const float sx = float(bgr.cols) / size, sy = float(bgr.rows) / size;
  for (PersonBox& person : people)
    person.box = {person.box.x * sx, person.box.y * sy, person.box.width * sx, person.box.height * sy};
  return people;
}

}  // namespace herlens::models
