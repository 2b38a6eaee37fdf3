#include "herlens/models/blazeface.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"
#include "herlens/models/model_files.hpp"

namespace herlens::models {
namespace {

// Measured on the astronaut portrait pasted at many sizes: the back-camera model scores her face about
// 0.8 at 6% of its input and 0.85 or more up to 60%; beyond that its boxes grow too large and parts of the
// face score as faces of their own.
constexpr float kTileSmallestFace = 0.06f;
constexpr float kTileLargestFace = 0.6f;
// A face shorter than this many pixels has no eyes or mouth to find: tiles never shrink below what
// such a face needs, so a picture a few pixels tall is searched in a few tiles, not a tile per pixel.
constexpr float kSmallestFacePixels = 8;
// Every candidate gets a second look by the short-range model on a close-up where the face fills this
// share of the side, inside the sizes that model scores best. The two views rarely err on the same spot:
// on 400 faceless frames the 100 false candidates scored at most 0.77 there, while the astronaut's face
// at 6% to 90% of the frame height scored 0.92 or more.
constexpr float kCloseUpFaceShare = 0.3f;

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

float iou(const cv::Rect2f& a, const cv::Rect2f& b) {
  const float shared = (a & b).area();
  const float joint = a.area() + b.area() - shared;
  return joint > 0 ? shared / joint : 0.0f;
}

std::vector<int> tile_offsets(int length, int tile, int min_overlap) {
  if (length <= tile) return {(length - tile) / 2};
  const int step = tile - min_overlap;
  const int count = 1 + (length - tile + step - 1) / step;
  std::vector<int> offsets;
  for (int i = 0; i < count; ++i) offsets.push_back(static_cast<int>(std::lround(double(i) * (length - tile) / (count - 1))));
  return offsets;
}

// Resamples to `size`, halving first while that stays at least twice as large: anti-aliased like area
// averaging at a quarter of its cost when the factor is not an integer.
void shrink(const cv::Mat& src, cv::Mat& dst, cv::Size size) {
  cv::Mat halved = src;
  while (halved.cols >= 2 * size.width && halved.rows >= 2 * size.height) {
    cv::Mat half;
    cv::pyrDown(halved, half);
    halved = half;
  }
  cv::resize(halved, dst, size, 0, 0, cv::INTER_LINEAR);
}

// The graph's input: `region` of the picture (padded black where it reaches past it) at side x side,
// RGB scaled to [-1, 1] (CV_32FC3).
cv::Mat input_tensor(const cv::Mat& bgr, cv::Rect region, int side) {
  const cv::Rect inside = region & cv::Rect({0, 0}, bgr.size());
  const double scale = double(side) / region.width;
  const cv::Rect placed(static_cast<int>(std::lround((inside.x - region.x) * scale)),
                        static_cast<int>(std::lround((inside.y - region.y) * scale)),
                        std::max(1, static_cast<int>(std::lround(inside.width * scale))),
                        std::max(1, static_cast<int>(std::lround(inside.height * scale))));
  cv::Mat square(side, side, CV_8UC3, cv::Scalar::all(0));
  cv::Mat target = square(placed & cv::Rect(0, 0, side, side));
  if (!inside.empty() && !target.empty()) shrink(bgr(inside), target, target.size());
  cv::cvtColor(square, square, cv::COLOR_BGR2RGB);
  cv::Mat tensor;
  square.convertTo(tensor, CV_32F, 2.0 / 255.0, -1.0);
  return tensor;
}

}  // namespace

std::vector<cv::Point2f> blazeface_anchor_centres(const BlazeFaceModel& model) {
  std::vector<cv::Point2f> centres;
  centres.reserve(blazeface_anchor_count);
  const auto& strides = model.anchor_strides;
  for (size_t layer = 0; layer < strides.size();) {
    // Layers sharing a stride share a feature map, each adding 2 anchors (aspect 1 and the interpolated
    // scale, equal once anchor sizes are fixed) to every cell.
    size_t next = layer;
    while (next < strides.size() && strides[next] == strides[layer]) ++next;
    const int anchors_per_cell = 2 * static_cast<int>(next - layer);
    const int cells = (model.input_size + strides[layer] - 1) / strides[layer];
    for (int y = 0; y < cells; ++y)
      for (int x = 0; x < cells; ++x)
        for (int i = 0; i < anchors_per_cell; ++i)
          centres.emplace_back((x + 0.5f) / cells, (y + 0.5f) / cells);
    layer = next;
  }
  return centres;
}

std::vector<Face> decode_blazeface(std::span<const float> logits, std::span<const float> regressions,
                                   std::span<const cv::Point2f> anchor_centres, int input_size,
                                   float min_score) {
  if (logits.size() != anchor_centres.size() ||
      regressions.size() != anchor_centres.size() * blazeface_values_per_anchor)
    throw Error(ErrorKind::internal, "BlazeFace outputs do not match its anchors");
  std::vector<Face> faces;
  const float to_unit = 1.0f / input_size;
  for (size_t i = 0; i < logits.size(); ++i) {
    const float score = sigmoid(logits[i]);
    if (score < min_score) continue;
    // Values 4..15 are keypoints, which framing does not use.
    const float* r = &regressions[i * blazeface_values_per_anchor];
    const float cx = anchor_centres[i].x + r[0] * to_unit;
    const float cy = anchor_centres[i].y + r[1] * to_unit;
    const float w = r[2] * to_unit;
    const float h = r[3] * to_unit;
    faces.push_back({{cx - w / 2, cy - h / 2, w, h}, score});
  }
  return faces;
}

std::vector<Face> weighted_non_max_suppression(std::vector<Face> faces, float min_iou) {
  std::sort(faces.begin(), faces.end(), [](const Face& a, const Face& b) { return a.score > b.score; });
  std::vector<Face> merged;
  std::vector<bool> taken(faces.size(), false);
  for (size_t best = 0; best < faces.size(); ++best) {
    if (taken[best]) continue;
    float weight = 0, x = 0, y = 0, w = 0, h = 0;
    for (size_t i = best; i < faces.size(); ++i) {
      if (taken[i] || (i != best && iou(faces[best].box, faces[i].box) <= min_iou)) continue;
      taken[i] = true;
      const auto& b = faces[i].box;
      const float s = faces[i].score;
      weight += s;
      x += s * b.x;
      y += s * b.y;
      w += s * b.width;
      h += s * b.height;
    }
    merged.push_back({{x / weight, y / weight, w / weight, h / weight}, faces[best].score});
  }
  return merged;
}

std::vector<cv::Point> blazeface_tile_origins(cv::Size picture, int tile, int min_overlap) {
  std::vector<cv::Point> origins;
  for (int y : tile_offsets(picture.height, tile, min_overlap))
    for (int x : tile_offsets(picture.width, tile, min_overlap)) origins.emplace_back(x, y);
  return origins;
}

int blazeface_tile_side(cv::Size picture, float min_face_height) {
  const float smallest_face = std::max(min_face_height * picture.height, kSmallestFacePixels);
  return std::clamp(static_cast<int>(std::lround(smallest_face / kTileSmallestFace)), 1,
                    std::max(picture.width, picture.height));
}

void BlazeFaceParams::validate() const {
  const auto check = [](bool ok, const char* name, float value, const char* range) {
    if (!ok) throw Error(ErrorKind::usage, fmt::format("face detector: {} = {} is outside {}", name, value, range));
  };
  check(candidate_score > 0 && candidate_score < 1, "candidate_score", candidate_score, "(0, 1)");
  check(min_score >= candidate_score && min_score < 1, "min_score", min_score, "[candidate_score, 1)");
  check(min_face_height > 0 && min_face_height <= 1, "min_face_height", min_face_height, "(0, 1]");
  check(merge_min_iou > 0 && merge_min_iou < 1, "merge_min_iou", merge_min_iou, "(0, 1)");
  check(tile_overlap >= 0 && tile_overlap < 0.5f, "tile_overlap", tile_overlap, "[0, 0.5)");
}

BlazeFaceDetector::BlazeFaceDetector(const std::filesystem::path& model_dir, BlazeFaceParams params)
    : params_(params),
      tile_network_(load(blazeface_back_camera, model_dir, params.runtime)),
      whole_network_(load(blazeface_short_range, model_dir, params.runtime)) {
  params_.validate();
}

BlazeFaceDetector::Network BlazeFaceDetector::load(const BlazeFaceModel& model, const std::filesystem::path& model_dir,
                                                   BlazeFaceRuntime runtime) {
  const std::filesystem::path file = find_model(std::string(model.file_name), model_dir);
  return {file, load_blazeface_graph(model, file, runtime),
          blazeface_anchor_centres(model), std::vector<float>(blazeface_anchor_count),
          std::vector<float>(static_cast<size_t>(blazeface_anchor_count) * blazeface_values_per_anchor)};
}

std::vector<Face> BlazeFaceDetector::detect_in_square(Network& network, const cv::Mat& bgr, cv::Rect region,
                                                     float min_score) {
  const int side = network.graph->model().input_size;
  const cv::Mat rgb = input_tensor(bgr, region, side);
  network.graph->run({rgb.ptr<float>(), rgb.total() * rgb.channels()}, network.logits, network.regressions);
  auto faces = decode_blazeface(network.logits, network.regressions, network.anchor_centres, side, min_score);
  for (auto& face : faces) {
    auto& b = face.box;
    b = {region.x + b.x * region.width, region.y + b.y * region.height, b.width * region.width,
         b.height * region.height};
  }
  return faces;
}

std::vector<Face> BlazeFaceDetector::detect(const cv::Mat& bgr) {
  if (bgr.empty() || bgr.type() != CV_8UC3)
    throw Error(ErrorKind::internal, "face detection needs an 8-bit BGR picture");
  const cv::Size size = bgr.size();
  const int long_side = std::max(size.width, size.height);

  const int tile = blazeface_tile_side(size, params_.min_face_height);
  std::vector<Face> faces;
  for (const cv::Point origin : blazeface_tile_origins(size, tile, static_cast<int>(params_.tile_overlap * tile))) {
    for (const Face& face : detect_in_square(tile_network_, bgr, {origin.x, origin.y, tile, tile}, params_.candidate_score))
      if (face.box.height <= kTileLargestFace * tile) faces.push_back(face);
  }
  const cv::Rect letterboxed((size.width - long_side) / 2, (size.height - long_side) / 2, long_side, long_side);
  const auto whole = detect_in_square(whole_network_, bgr, letterboxed, params_.candidate_score);
  faces.insert(faces.end(), whole.begin(), whole.end());
  faces = weighted_non_max_suppression(std::move(faces), params_.merge_min_iou);
  std::vector<Face> confirmed;
  for (const Face& candidate : faces)
    if (const auto face = look_closer(bgr, candidate); face.score >= params_.min_score) confirmed.push_back(face);
  std::sort(confirmed.begin(), confirmed.end(), [](const Face& a, const Face& b) { return a.score > b.score; });
  return confirmed;
}

Face BlazeFaceDetector::look_closer(const cv::Mat& bgr, const Face& candidate) {
  const int side = std::max(1, static_cast<int>(std::lround(candidate.box.height / kCloseUpFaceShare)));
  const cv::Point2f centre = (candidate.box.tl() + candidate.box.br()) * 0.5f;
  const cv::Rect close_up(static_cast<int>(std::lround(centre.x - side / 2.0f)),
                          static_cast<int>(std::lround(centre.y - side / 2.0f)), side, side);
  Face best{candidate.box, 0.0f};
  for (const Face& seen : detect_in_square(whole_network_, bgr, close_up, params_.candidate_score))
    if (seen.score > best.score && iou(seen.box, candidate.box) > params_.merge_min_iou) best = seen;
  return best;
}

}  // namespace herlens::models
