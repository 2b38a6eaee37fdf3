#pragma once
// Face detection with MediaPipe BlazeFace's two graphs (blazeface_graph.hpp).
//
// A picture is searched in two passes whose faces are merged by weighted non-maximum suppression:
// - tiles: overlapping square tiles, each shrunk to 256 px for the back-camera model, sized so that the
//   smallest face wanted covers 6% of a tile (about the least that model finds reliably);
// - whole picture: letterboxed to a square and shrunk to 128 px for the short-range model, which finds
//   the large faces (15% to 90% of the square) the tiles see too closely.
// Each merged candidate is then confirmed by the short-range model on a close-up where the face fills 30%
// of the square: the two views rarely err on the same spot, which removes nearly all false faces, and
// the close-up measures small faces better than the tiles do.
#include <filesystem>
#include <memory>
#include <span>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/models/blazeface_graph.hpp"
#include "herlens/models/face_detector.hpp"

namespace herlens::models {

// Anchor centres in the model's output order, normalised to the input square ([0, 1], x right, y down).
// Consecutive layers of equal stride share one feature map whose cells each hold 2 anchors per layer;
// cells run row by row.
std::vector<cv::Point2f> blazeface_anchor_centres(const BlazeFaceModel& model);

// Turns raw outputs into faces in normalised input coordinates ([0, 1] of the input square).
// `logits`: one per anchor; `regressions`: blazeface_values_per_anchor per anchor, in input pixels.
// Keeps anchors whose sigmoid(logit) >= `min_score`.
std::vector<Face> decode_blazeface(std::span<const float> logits, std::span<const float> regressions,
                                   std::span<const cv::Point2f> anchor_centres, int input_size,
                                   float min_score);

// MediaPipe's weighted non-maximum suppression: the best remaining face and every face overlapping it by
// IoU > `min_iou` become one face, whose box is their score-weighted mean and whose score is the best
// one. Returns faces highest score first.
std::vector<Face> weighted_non_max_suppression(std::vector<Face> faces, float min_iou);

// Top-left corners of square tiles of side `tile` covering a picture of `picture` size, neighbours
// sharing at least `min_overlap` pixels, spread evenly. Along an axis no longer than `tile` there is one
// tile at 0, reaching past the picture (the excess is padded).
std::vector<cv::Point> blazeface_tile_origins(cv::Size picture, int tile, int min_overlap);

// Side of the tiles searching `picture` for faces at least `min_face_height` of its height: such a
// face covers 6% of a tile. A face needs a few pixels to be found at all, so a picture a few pixels
// tall still gets tiles large enough for one (a few tiles, not one a pixel). At most the long side.
int blazeface_tile_side(cv::Size picture, float min_face_height);

struct BlazeFaceParams {
  // Passes keep faces scoring at least this (MediaPipe's threshold) as candidates; (0, 1).
  float candidate_score = 0.5f;
  // A candidate is a face when the short-range model, looking again at a close-up of it, scores it at
  // least this; [candidate_score, 1). Faces report that look's score and box.
  float min_score = 0.8f;
  // Smallest face to find, as box height / picture height; (0, 1]. Smaller values mean smaller tiles,
  // hence more of them: 0.06 costs 2 back-camera runs on a 16:9 picture, 0.11 only one.
  float min_face_height = 0.06f;
  // Faces overlapping by more than this IoU are one face (MediaPipe's value); (0, 1).
  float merge_min_iou = 0.3f;
  // Share of a tile's side that neighbouring tiles overlap; [0, 0.5).
  float tile_overlap = 0.2f;
  // What runs the graphs.
  BlazeFaceRuntime runtime = BlazeFaceRuntime::native;

  void validate() const;  // throws Error(usage) naming the bad value
};

class BlazeFaceDetector final : public FaceDetector {
 public:
  // Loads both graphs (found as in find_model()); throws Error(model) when one is missing or unreadable.
  explicit BlazeFaceDetector(const std::filesystem::path& model_dir = {}, BlazeFaceParams params = {});
  std::vector<Face> detect(const cv::Mat& bgr) override;
  std::vector<std::filesystem::path> model_files() const override {
    return {tile_network_.file, whole_network_.file};
  }

 private:
  struct Network {
    std::filesystem::path file;
    std::unique_ptr<BlazeFaceGraph> graph;
    std::vector<cv::Point2f> anchor_centres;
    std::vector<float> logits, regressions;  // the last run's outputs
  };
  static Network load(const BlazeFaceModel& model, const std::filesystem::path& model_dir, BlazeFaceRuntime runtime);
  // Faces in the square `region` of `bgr` (which may reach past the picture), in picture pixels.
  std::vector<Face> detect_in_square(Network& network, const cv::Mat& bgr, cv::Rect region, float min_score);
  // `candidate` as the short-range model sees it on a close-up (score 0 when it sees no face there).
  Face look_closer(const cv::Mat& bgr, const Face& candidate);

  BlazeFaceParams params_;
  Network tile_network_;
  Network whole_network_;
};

}  // namespace herlens::models
