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
// The convolution giving the 80 classes' heatmaps, of which COCO's class 0, "person", is kept.
constexpr const char* class_head = "tower_0/CenternetHead/centernet_cls_output/BiasAdd";
constexpr int64_t person_class = 0;

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
  const auto heat = [&](int row, int col) { return out.heatmap[size_t(row) * out.width + col]; };
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

cv::Size centernet_input_size(cv::Size size) {
  if (size.width <= 0 || size.height <= 0) return {};
  const bool wide = size.width >= size.height;
  const double aspect = double(std::max(size.width, size.height)) / std::min(size.width, size.height);
  const double kept = std::clamp(aspect / centernet_max_squeeze, 1.0, centernet_max_aspect);
  const int long_side = int(std::lround(centernet_short_side * kept / centernet_granule)) * centernet_granule;
  return wide ? cv::Size(long_side, centernet_short_side) : cv::Size(centernet_short_side, long_side);
}

CenterNetPersonFinder::CenterNetPersonFinder(const std::filesystem::path& model_dir, CenterNetDecoding decoding)
    : decoding_(decoding) {
  decoding_.validate();
  const std::filesystem::path topology = find_model("centernet.json", model_dir);
  files_ = {topology, topology.parent_path() / "centernet.bin"};
  graph_ = TfjsGraph::load(topology, {heatmap_output, sides_output});
  graph_.keep_one_channel(class_head, person_class);
}

std::vector<PersonBox> CenterNetPersonFinder::find(const cv::Mat& bgr) const {
  if (bgr.empty()) return {};
  const cv::Size size = centernet_input_size(bgr.size());
  cv::Mat resized;
  cv::resize(bgr, resized, size, 0, 0, cv::INTER_LINEAR);
  // The network takes pixel values as they are, 0 to 255.
  const std::vector<TfjsTensor> outputs = graph_.run(picture_input(resized), {heatmap_output, sides_output});
  const int rows = size.height / centernet_stride, cols = size.width / centernet_stride;
  const auto grid = [&](const TfjsTensor& t, int64_t channels) {
    return t.shape.size() == 4 && t.shape[1] == rows && t.shape[2] == cols && t.shape[3] == channels;
  };
  if (!grid(outputs[0], 1) || !grid(outputs[1], 4))
    throw Error(ErrorKind::model, model_error(files_.front().string(), "outputs are not CenterNet's grids"));
  std::vector<PersonBox> people = decode_centernet_people({rows, cols, outputs[0].values, outputs[1].values}, decoding_);
  const float sx = float(bgr.cols) / float(size.width), sy = float(bgr.rows) / float(size.height);
  for (PersonBox& person : people)
    person.box = {person.box.x * sx, person.box.y * sy, person.box.width * sx, person.box.height * sy};
  return people;
}

}  // namespace herlens::models
