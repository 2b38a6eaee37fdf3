#include "herlens/models/centernet.hpp"

#include <algorithm>

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

CenterNetPersonFinder::CenterNetPersonFinder(const std::filesystem::path& model_dir, CenterNetDecoding decoding)
    : decoding_(decoding) {
  decoding_.validate();
  const std::filesystem::path topology = find_model("centernet.json", model_dir);
  files_ = {topology, topology.parent_path() / "centernet.bin"};
  graph_ = TfjsGraph::load(topology, {heatmap_output, sides_output});
}

std::vector<PersonBox> CenterNetPersonFinder::find(const cv::Mat& bgr) const {
  if (bgr.empty()) return {};
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
