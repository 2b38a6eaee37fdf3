#include "herlens/models/blazeface_opencv.hpp"

#include <algorithm>
#include <numeric>

#include "herlens/error.hpp"
#include "herlens/models/onnx_reader.hpp"

namespace herlens::models {
namespace {

// A head's shape, [1, anchors, values]; 0s for another shape.
int anchors(const cv::Mat& head) { return head.dims == 3 ? head.size[1] : 0; }
int values(const cv::Mat& head) { return head.dims == 3 ? head.size[2] : 0; }

}  // namespace

OpenCvBlazeFaceGraph::OpenCvBlazeFaceGraph(const BlazeFaceModel& model, const std::filesystem::path& file)
    : BlazeFaceGraph(model) {
  const auto unusable = [&](std::string_view why) { return Error(ErrorKind::model, model_error(file.string(), why)); };
  std::vector<cv::Mat> heads;
  std::vector<std::string> names;
  try {
    net_ = cv::dnn::readNetFromONNX(file.string());
    // One run on a blank picture tells which output is which: heads are told apart by their shape.
    names = net_.getUnconnectedOutLayersNames();
    const int shape[] = {1, model.input_size, model.input_size, 3};
    net_.setInput(cv::Mat(4, shape, CV_32F, cv::Scalar::all(0)));
    net_.forward(heads, names);
  } catch (const cv::Exception& e) {
    throw unusable(e.what());
  }
  std::vector<size_t> order(heads.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return values(heads[a]) != values(heads[b]) ? values(heads[a]) < values(heads[b])
                                                : anchors(heads[a]) > anchors(heads[b]);
  });
  if (order.size() != 4 || values(heads[order[0]]) != 1 || values(heads[order[1]]) != 1 ||
      values(heads[order[2]]) != blazeface_values_per_anchor || values(heads[order[3]]) != blazeface_values_per_anchor ||
      anchors(heads[order[0]]) + anchors(heads[order[1]]) != blazeface_anchor_count ||
      anchors(heads[order[0]]) != anchors(heads[order[2]]))
    throw unusable("unexpected outputs");
  for (size_t i : order) head_names_.push_back(names[i]);
}

void OpenCvBlazeFaceGraph::evaluate(std::span<const float> rgb, std::span<float> logits,
                                    std::span<float> regressions) {
  const int shape[] = {1, model().input_size, model().input_size, 3};
  net_.setInput(cv::Mat(4, shape, CV_32F, const_cast<float*>(rgb.data())));  // only read
  std::vector<cv::Mat> heads;
  net_.forward(heads, head_names_);
  // The graph splits its anchors into two heads; callers want them in one run.
  float* out[] = {logits.data(), regressions.data()};
  for (int head = 0; head < 4; ++head)
    out[head / 2] = std::copy_n(heads[head].ptr<float>(), heads[head].total(), out[head / 2]);
}

}  // namespace herlens::models
