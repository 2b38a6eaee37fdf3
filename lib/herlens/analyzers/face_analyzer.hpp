#pragma once
// Faces and people on sampled pictures, for framing (docs/framing.md) and voice-only dialogue.
//
// Shots are only known after the pass, so pictures are sampled by time: the first picture after a
// large change of the analysis picture (a cut, measured cheaply on a 16x9 grey thumbnail), then
// every `dense_interval` for `dense_span` seconds after it, then every `sparse_interval`. With the
// defaults a shot after a detected cut gets samples 1 frame, 0.5 s and 1 s into it, then one a
// second: 3 samples in every shot longer than about 1.1 s.
//
// A sampled picture is taken at the detail width, its dark border cropped, and searched by a face
// detector on a worker thread fed by a bounded queue (concurrency::WorkerQueue, below the decoder's
// priority), so detection overlaps decoding. The person (pose) detector, when there is one, costs
// about two face searches, so it looks once per shot as the sampler sees shots (the first sample
// after a change), then again every `body_interval` seconds of a long shot; a change of the face's
// class counts as a change, and so does a smaller change of picture than a sample needs
// (`body_change_threshold`). Samples are chosen from the pictures alone and processed in order, and
// the body model's choice depends on earlier samples' faces only: results never depend on timing.
//
// With a landmark model (FaceMesh) and a speech gate, every sample starts a burst: `mouth_pictures`
// pictures `mouth_interval` apart, the sample first. A burst ends at a change of picture (a cut) or
// at the next sample. The sample and its burst wait on the delivery thread until speech within
// `speech_reach` of the sample has been heard, or the sound that far past it; where speech was
// heard within that reach, the mouths of the sample's largest faces are measured on the burst's
// pictures, in crops around the sample's face boxes (a face moves little in a third of a second),
// and otherwise the burst is dropped. So landmark runs are made only where speech and a face
// coincide. A face whose openings already spread enough to speak (metrics::speaking) is not
// measured again in that burst: more openings could only widen the spread, so the decision is the
// same at fewer runs.
// Where speech is near, the detector finds no face, and the previous sample of the same picture
// (no change between them) had faces, FaceMesh looks in those faces' boxes: a face it is sure of
// (its face flag) is a carried face (a head turned to profile, which the detector misses), measured
// through the burst like the others, in a box following its landmarks.
// Samples whose measured faces none speak keep a thumbnail (evenly through time, as the contact
// sheets' thumbnails): pictures of listeners, for the report.
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/analyzers/speech_gate.hpp"
#include "herlens/concurrency/worker_queue.hpp"
#include "herlens/metrics/faces.hpp"
#include "herlens/metrics/mouth_activity.hpp"
#include "herlens/metrics/letterbox.hpp"
#include "herlens/models/face_detector.hpp"
#include "herlens/models/facemesh.hpp"
#include "herlens/models/person_detector.hpp"
#include "herlens/params/parameter.hpp"
#include "herlens/pipeline/analyzer.hpp"

namespace herlens::analyzers {

struct FaceAnalyzerParams {
  double dense_interval = 0.5;   // seconds between samples just after a change
  double dense_span = 1.0;       // seconds after a change sampled densely
  double sparse_interval = 1.0;  // seconds between later samples; at least dense_interval
  // Mean absolute difference (0..1 of full range) between consecutive 16x9 grey thumbnails that
  // counts as a new picture and triggers a sample of the next frame.
  double change_threshold = 0.1;
  // Change-triggered samples come no closer than this (seconds), bounding the cost of flashing
  // pictures.
  double min_change_gap = 0.2;
  // A smaller change that still makes the body model due at the next sample: a cut between similar
  // pictures (a figure cut into the same wide setting) changes the thumbnail by 0.05-0.1, which
  // real footage's motion seldom does from one picture to the next.
  double body_change_threshold = 0.05;
  int detail_width = 960;  // pixels, width of the pictures searched for faces
  // Near-black share of a row or column that makes it a bar (as LetterboxParams).
  double min_dark_fraction = 0.98;
  int queue_capacity = 4;  // sampled pictures waiting for the detector
  // Seconds after the body model last looked before it looks again within a shot (a change starts
  // a shot and makes it due at once).
  double body_interval = 10.0;
  // Contact-sheet thumbnails: width in pixels, and how many are kept per provisional class (the
  // sample's own face size, classed as a shot would be).
  int thumbnail_width = 192;
  int thumbnails_per_class = 24;
  // Mouth bursts (with a landmark model and a speech gate).
  int mouth_pictures = 5;          // pictures in a burst, the sample included
  double mouth_interval = 0.08;    // seconds between a burst's pictures
  int max_mouth_faces = 3;         // faces measured in a sample, the largest first
  double min_mouth_face_score = 0.5;  // FaceMesh face flag a picture's landmarks need to count
  double speech_reach = 1.0;       // seconds around a sample in which heard speech starts a burst
  static const params::Table<FaceAnalyzerParams>& table();
  void validate() const;  // throws Error(usage) naming the bad value
};

class FaceAnalyzer final : public pipeline::Analyzer {
 public:
  using Params = FaceAnalyzerParams;
  // Takes the detectors (used on the worker thread only); without a person detector no people are
  // searched. Thumbnails are kept evenly across the classes `scale` gives the samples. Throws
  // Error(usage) for bad parameters.
  // With `mesh` and `gate`, mouths are measured in bursts where the gate hears speech (the gate is
  // read on the delivery thread only, and must outlive the analyzer); `mouth_activity` tells when a
  // face's openings already speak.
  explicit FaceAnalyzer(std::unique_ptr<models::FaceDetector> detector, const Params& params = {},
                        const metrics::ShotScaleParams& scale = {},
                        std::unique_ptr<models::PersonDetector> people = nullptr,
                        std::unique_ptr<models::FaceMesh> mesh = nullptr, const SpeechGate* gate = nullptr,
                        const metrics::MouthActivityParams& mouth_activity = {});

  std::string_view name() const override { return "face analyzer"; }
  // Wants pictures but does without them: an audio file simply has no face.
  pipeline::Needs needs() const override { return {.video = true}; }
  std::vector<std::filesystem::path> model_files() const override;
  int detail_width(int64_t index, double time) override;
  void on_video(const media::VideoFrame& frame) override;
  void finish() override;  // waits for the worker; rethrows what the detector threw

  // After finish(): every sample, the active picture, kept thumbnails. Moves them out.
  metrics::FaceObservations take_result() { return std::move(result_); }

 private:
  // A sample, or a later picture of its mouth burst.
  enum class JobKind { sample, sample_with_mouths, burst };
  struct Job {
    int64_t frame;
    double time;
    cv::Mat detail;
    bool after_change;  // the first sample after a change of picture (or the film's first)
    JobKind kind = JobKind::sample;
    // A change of picture came since the previous sample (even one too close to the last change
    // to be sampled itself): faces are not carried over it.
    bool new_picture = false;
    // A change of at least body_change_threshold came since the previous sample, or reaches this
    // picture: the body model looks again.
    bool body_change = false;
  };
  // A face whose mouth is being measured through a burst: its crop box in detail-picture pixels.
  struct MouthTrack {
    size_t face;  // index in the sample's faces
    cv::Rect2f box;
  };
  // Thumbnails kept evenly through time: every stride-th one offered; when full, every other one
  // is dropped and the stride doubles.
  struct ThumbnailPool {
    std::vector<metrics::FaceThumbnail> kept;
    int64_t offered = 0;
    int64_t stride = 1;
    // Whether the thumbnail being offered is one to keep (counts the offer).
    bool wants() { return offered++ % stride == 0; }
    // Keeps one it wanted, halving the pool when it holds more than `capacity`.
    void keep(metrics::FaceThumbnail thumbnail, int capacity);
  };
  struct Detected {
    metrics::FaceObservation observation;  // boxes in fractions of the whole picture until finish()
    metrics::Border border;                // this picture's dark border
    cv::Size size;                         // detail picture size
  };

  void process(Job& job);
  // Whether the person detector looks at this sample (its face search done); updates the schedule.
  bool body_due(const Job& job, double largest_face);
  // `largest_face`: the largest face the sample's class reads (metrics::largest_face_read).
  void keep_thumbnail(const Job& job, const metrics::FaceObservation& seen, double largest_face);
  // Measures the tracked mouths on `detail`, adding to the burst's sample; faces already found
  // speaking are skipped.
  void measure_mouths(const cv::Mat& detail);
  // FaceMesh on the previous sample's boxes, for a sample where the detector found no face: the
  // faces it is sure of become the sample's carried faces (and tracks, with their first opening).
  void carry_faces(const cv::Mat& detail);
  // The opening of a face from its landmarks: nothing when FaceMesh is not sure it is a face.
  std::optional<double> opening_of(const models::FaceLandmarks& found) const;
  // The finished burst's sample, when its measured faces none speak, keeps its pending thumbnail.
  void settle_listener();
  // Hands the waiting samples whose sound has been heard (`all`: every one) to the worker.
  void release(bool all);
  // Samples (and their bursts) waiting for their sound, at most: about 3 s of bursts.
  static constexpr int max_waiting = 24;

  Params params_;
  metrics::ShotScaleParams scale_;
  metrics::MouthActivityParams mouth_activity_;
  std::unique_ptr<models::FaceDetector> detector_;
  std::unique_ptr<models::PersonDetector> people_;
  std::unique_ptr<models::FaceMesh> mesh_;
  const SpeechGate* gate_;

  // Sampling state (decode thread).
  cv::Mat previous_thumb_;
  bool change_pending_ = false;
  bool sample_this_ = false;
  double change_time_ = 0;         // start of the current dense span
  double next_sample_time_ = 0;    // regular schedule
  double last_change_sample_ = -1e300;
  JobKind job_kind_ = JobKind::sample;
  int burst_left_ = 0;             // burst pictures still to take
  std::deque<Job> waiting_;        // samples and bursts waiting for the sound around them
  bool measuring_ = false;         // the released sample's mouths are measured: so are its burst's
  double next_burst_time_ = 0;
  bool after_change_ = false;      // the sample asked for is the first after a change
  bool changed_since_sample_ = true;  // a change of picture (or the film's start) since the last sample
  bool new_picture_ = false;       // the sample asked for comes after a change
  bool body_change_since_sample_ = false;  // a change of at least body_change_threshold since then

  // Body model schedule (worker thread).
  bool body_pending_ = false;      // a shot began and the body model has not looked at it yet
  double last_body_time_ = -1e300;
  int64_t last_body_frame_ = -2;  // the picture the body model last looked at
  metrics::ShotScale last_face_class_ = metrics::ShotScale::none;  // of the previous sample

  // Worker results (read after the worker has ended).
  std::vector<Detected> detected_;
  std::vector<ThumbnailPool> pools_{metrics::all_shot_scales.size()};
  std::vector<MouthTrack> tracks_;  // the current burst's faces (worker thread)
  // The previous sample's faces (detected or carried, the largest first), in detail-picture pixels.
  std::vector<cv::Rect2f> previous_boxes_;
  // The current burst sample's picture, kept if its faces turn out to be listeners.
  std::optional<metrics::FaceThumbnail> pending_listener_;
  ThumbnailPool listeners_;
  int64_t mouth_measurements_ = 0;

  metrics::FaceObservations result_;
  concurrency::WorkerQueue<Job> jobs_;  // last: its worker uses everything above
};

}  // namespace herlens::analyzers
