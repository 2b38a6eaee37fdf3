#include "herlens/models/blazeface_graph.hpp"

#include "herlens/error.hpp"
#include "herlens/models/blazeface_native.hpp"
#include "herlens/models/blazeface_opencv.hpp"

namespace herlens::models {

void BlazeFaceGraph::run(std::span<const float> rgb, std::span<float> logits, std::span<float> regressions) {
  const size_t side = model_.input_size;
  if (rgb.size() != side * side * 3 || logits.size() != blazeface_anchor_count ||
      regressions.size() != size_t{blazeface_anchor_count} * blazeface_values_per_anchor)
    throw Error(ErrorKind::internal, "BlazeFace graph run with buffers of the wrong size");
  evaluate(rgb, logits, regressions);
}

std::unique_ptr<BlazeFaceGraph> load_blazeface_graph(const BlazeFaceModel& model, const std::filesystem::path& file,
                                                     BlazeFaceRuntime runtime) {
  switch (runtime) {
    case BlazeFaceRuntime::native: return std::make_unique<NativeBlazeFaceGraph>(model, file);
    case BlazeFaceRuntime::opencv_dnn: return std::make_unique<OpenCvBlazeFaceGraph>(model, file);
  }
  throw Error(ErrorKind::internal, "unknown BlazeFace runtime");
}

}  // namespace herlens::models
