#pragma once
// BlazeFace's graphs run by OpenCV's dnn module: the reference for the native code, and a choice for
// users who want to check it (`herlens framing --detector blazeface-opencv`).
#include <string>
#include <vector>

#include <opencv2/dnn.hpp>

#include "herlens/models/blazeface_graph.hpp"

namespace herlens::models {

class OpenCvBlazeFaceGraph final : public BlazeFaceGraph {
 public:
  // Throws Error(model) as load_blazeface_graph() does.
  OpenCvBlazeFaceGraph(const BlazeFaceModel& model, const std::filesystem::path& file);

 private:
  void evaluate(std::span<const float> rgb, std::span<float> logits, std::span<float> regressions) override;

  cv::dnn::Net net_;
  std::vector<std::string> head_names_;  // score heads then regression heads, 512-anchor head first
};

}  // namespace herlens::models
