#include "herlens/models/facemesh.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"
#include "herlens/models/model_files.hpp"
#include "herlens/models/onnx_reader.hpp"

namespace herlens::models {

namespace {

// The graph's outputs: the mesh (468 x, y, z in input pixels) and the face flag (a probability).
constexpr const char* mesh_output = "Identity_2";
constexpr const char* flag_output = "Identity_1";

}  // namespace

FaceMesh::FaceMesh(const std::filesystem::path& model_dir) {
  const std::filesystem::path topology = find_model("facemesh.json", model_dir);
  files_ = {topology, topology.parent_path() / "facemesh.bin"};
  graph_ = TfjsGraph::load(topology);
}

FaceLandmarks FaceMesh::landmarks(const cv::Mat& bgr, const cv::Rect2f& box) const {
  const float side = facemesh_crop_scale * std::max(box.width, box.height);
  FaceLandmarks found;
  if (bgr.empty() || !(side > 0)) return found;
  // The crop, whole pixels of the picture, black where it reaches past the picture's edges.
  const int whole = std::max(1, int(std::lround(side)));
  const cv::Point corner(int(std::lround(box.x + box.width / 2 - whole / 2.0)),
                         int(std::lround(box.y + box.height / 2 - whole / 2.0)));
  const cv::Rect square(corner, cv::Size(whole, whole));
  const cv::Rect seen = square & cv::Rect(0, 0, bgr.cols, bgr.rows);
  cv::Mat canvas(whole, whole, CV_8UC3, cv::Scalar::all(0)), crop;
  if (!seen.empty()) bgr(seen).copyTo(canvas(seen - corner));
  cv::resize(canvas, crop, {facemesh_input_size, facemesh_input_size}, 0, 0,
             whole > facemesh_input_size ? cv::INTER_AREA : cv::INTER_LINEAR);
  const float scale = float(facemesh_input_size) / float(whole);
  // FaceMesh takes pixel values mapped to [0, 1].
  const std::vector<TfjsTensor> outputs = graph_.run(picture_input(crop, 1.0 / 255), {mesh_output, flag_output});
  if (outputs[0].values.size() != 3 * facemesh_landmark_count || outputs[1].values.size() != 1)
    throw Error(ErrorKind::model, model_error(files_.front().string(), "outputs are not FaceMesh's"));
  for (size_t i = 0; i < facemesh_landmark_count; ++i) {
    const float x = outputs[0].values[3 * i], y = outputs[0].values[3 * i + 1];
    found.points[i] = {float(corner.x) + (x + 0.5f) / scale - 0.5f, float(corner.y) + (y + 0.5f) / scale - 0.5f};
  }
  found.face_score = outputs[1].values[0];
  return found;
}

}  // namespace herlens::models
