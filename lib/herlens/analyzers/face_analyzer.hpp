#pragma once
// Faces on sampled pictures, for framing (docs/framing.md) and voice-only dialogue.
//
// Shots are only known after the pass, so pictures are sampled by time: the first picture after a
// large change of the analysis picture (a cut, measured cheaply on a 16x9 grey thumbnail), then
// every `dense_interval` for `dense_span` seconds after it, then every `sparse_interval`. With the
// defaults a shot after a detected cut gets samples 1 frame, 0.5 s and 1 s into it, then one a
// second: 3 samples in every shot longer than about 1.1 s.
//
// A sampled picture is taken at the detail width, its dark border cropped, and searched by a face
// detector on a worker thread fed by a bounded queue, so detection overlaps decoding (below the
// decoder's priority: media/thread_priority.hpp); samples are chosen from the pictures alone and
// processed in order, so results never depend on timing.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/analyzers/letterbox.hpp"
#include "herlens/metrics/shot_scale.hpp"
#include "herlens/metrics/voice_only.hpp"
#include "herlens/models/face_detector.hpp"
#include "herlens/pipeline/analyzer.hpp"

namespace herlens::analyzers {

struct FaceAnalyzerParams {
  double dense_interval = 0.5;   // seconds between samples just after a change; [0.04, 10]
  double dense_span = 1.0;       // seconds after a change sampled densely; [0, 60]
  double sparse_interval = 1.0;  // seconds between later samples; [dense_interval, 60]
  // Mean absolute difference (0..1 of full range) between consecutive 16x9 grey thumbnails that
  // counts as a new picture and triggers a sample of the next frame; (0, 1].
  double change_threshold = 0.1;
  // Change-triggered samples come no closer than this (seconds), bounding the cost of flashing
  // pictures; [0, 10].
  double min_change_gap = 0.2;
  int detail_width = 960;  // pixels, width of the pictures searched for faces; [160, 4096]
  // Near-black share of a row or column that makes it a bar (as LetterboxParams); [0.5, 1].
  double min_dark_fraction = 0.98;
  int queue_capacity = 4;  // sampled pictures waiting for the detector; [1, 64]
  // Contact-sheet thumbnails: width in pixels [32, 640], and how many are kept per provisional
  // class (the sample's own face size, classed by `thresholds`) [1, 1000].
  int thumbnail_width = 192;
  int thumbnails_per_class = 24;
  metrics::ScaleThresholds thresholds;
  // Framing cannot work without pictures; dialogue asks for faces but also reads audio files.
  bool require_video = true;
  void validate() const;  // throws Error(usage) naming the bad value
};

// One sampled picture.
struct FaceObservation {
  int64_t frame = 0;  // index of the picture
  double time = 0;    // seconds
  // Faces found, highest score first. Boxes in fractions of the active picture (the stream's bars
  // removed): x, width of its width; y, height of its height.
  std::vector<models::Face> faces;
  double largest_face = 0;  // tallest face box height / active picture height; 0 without a face
};

// A small copy of a sampled picture with its face boxes drawn, for contact sheets.
struct FaceThumbnail {
  int64_t frame = 0;
  double time = 0;  // seconds
  cv::Mat image;    // BGR, the whole picture (bars included)
};

class FaceAnalyzer final : public pipeline::Analyzer {
 public:
  using Params = FaceAnalyzerParams;
  // Takes the detector (used on the worker thread only). Throws Error(usage) for bad parameters.
  explicit FaceAnalyzer(std::unique_ptr<models::FaceDetector> detector, const Params& params = {});
  ~FaceAnalyzer() override;
  FaceAnalyzer(const FaceAnalyzer&) = delete;
  FaceAnalyzer& operator=(const FaceAnalyzer&) = delete;

  std::string_view name() const override { return "face analyzer"; }
  pipeline::Needs needs() const override { return {.video = true, .video_required = params_.require_video}; }
  int detail_width(int64_t index, double time) override;
  void on_video(const media::VideoFrame& frame) override;
  void finish() override;  // waits for the worker; rethrows what the detector threw

  // After finish(): every sampled picture, by time.
  const std::vector<FaceObservation>& observations() const { return observations_; }
  // The stream's bars in the sampled pictures, as fractions of the picture (0..1 per edge).
  const cv::Rect2d& active_picture() const { return active_; }
  // Samples as the shot-scale join and the voice-only join take them.
  std::vector<metrics::FramingSample> framing_samples() const;
  std::vector<metrics::FaceSample> face_samples() const;
  // Kept thumbnails (bounded: thumbnails_per_class per class), by time.
  std::vector<FaceThumbnail> thumbnails() const;

 private:
  struct Job {
    int64_t frame;
    double time;
    cv::Mat detail;
  };
  // Thumbnails kept evenly through time: every stride-th one offered; when full, every other one
  // is dropped and the stride doubles.
  struct ThumbnailPool {
    std::vector<FaceThumbnail> kept;
    int64_t offered = 0;
    int64_t stride = 1;
  };
  struct Detected {
    FaceObservation observation;  // boxes in fractions of the whole picture until finish()
    Border border;                // this picture's dark border
    cv::Size size;                // detail picture size
  };

  void work();
  void process(Job& job);
  void keep_thumbnail(const Job& job, const Detected& detected);
  void rethrow_worker_error();

  Params params_;
  std::unique_ptr<models::FaceDetector> detector_;

  // Sampling state (decode thread).
  cv::Mat previous_thumb_;
  bool change_pending_ = false;
  bool sample_this_ = false;
  double change_time_ = 0;         // start of the current dense span
  double next_sample_time_ = 0;    // regular schedule
  double last_change_sample_ = -1e300;

  // Queue between the decode thread and the worker.
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Job> queue_;
  bool closing_ = false;
  std::exception_ptr worker_error_;
  std::thread worker_;

  // Worker results (read after the worker has ended).
  std::vector<Detected> detected_;
  std::vector<ThumbnailPool> pools_{metrics::all_shot_scales.size()};

  std::vector<FaceObservation> observations_;
  cv::Rect2d active_{0, 0, 1, 1};
};

}  // namespace herlens::analyzers
