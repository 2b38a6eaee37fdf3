#include "herlens/analyzers/face_analyzer.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"
#include "herlens/media/picture_scaler.hpp"
#include "herlens/metrics/body_scale.hpp"

namespace herlens::analyzers {

namespace {

// Change thumbnails: coarse enough to ignore grain and small motion, fine enough to see a cut.
const cv::Size change_thumb_size{16, 9};
// Parts and boxes found in `inside` (pixels of a picture of `size`) to fractions of that picture.
cv::Point2f to_fraction(cv::Point2f at, const cv::Rect& inside, cv::Size size) {
  return {(at.x + inside.x) / size.width, (at.y + inside.y) / size.height};
}
cv::Rect2f to_fraction(const cv::Rect2f& box, const cv::Rect& inside, cv::Size size) {
  return {to_fraction(box.tl(), inside, size), cv::Size2f(box.width / size.width, box.height / size.height)};
}
// Fractions of the whole picture to fractions of its `active` part.
cv::Point2f to_active(cv::Point2f at, const cv::Rect2d& active) {
  return {float((at.x - active.x) / active.width), float((at.y - active.y) / active.height)};
}
cv::Rect2f to_active(const cv::Rect2f& box, const cv::Rect2d& active) {
  return {to_active(box.tl(), active), cv::Size2f(float(box.width / active.width), float(box.height / active.height))};
}

// Times of samples due "now" may sit this far after the frame's time (rounding of pts to seconds).
constexpr double time_slack = 1e-6;

// A dark border cut to what is centred: bars come in equal pairs, a dark sky or floor does not.
metrics::Border centred(metrics::Border border) {
  border.top = border.bottom = std::min(border.top, border.bottom);
  border.left = border.right = std::min(border.left, border.right);
  return border;
}

}  // namespace

const params::Table<FaceAnalyzerParams>& FaceAnalyzerParams::table() {
  using P = FaceAnalyzerParams;
  static const params::Table<P> table{
      "face analyzer",
      {{"dense_interval", "", "Seconds between samples just after a change", &P::dense_interval, 0.04, 10},
       {"dense_span", "", "Seconds after a change sampled densely", &P::dense_span, 0, 60},
       {"sparse_interval", "--sample-interval", "Seconds between samples once a shot is more than a second old",
        &P::sparse_interval, 0.04, 60},
       {"change_threshold", "", "Picture change (0..1) that triggers a sample", &P::change_threshold, 1e-6, 1},
       {"min_change_gap", "", "Seconds between change-triggered samples, at least", &P::min_change_gap, 0, 10},
       {"body_change_threshold", "", "Picture change (0..1) that makes the body model look at the next sample",
        &P::body_change_threshold, 1e-6, 1},
       {"detail_width", "--detail-width", "Width in pixels of the pictures searched for faces", &P::detail_width,
        160, 4096},
       {"min_dark_fraction", "", "Near-black share of a row or column that makes it a bar", &P::min_dark_fraction,
        0.5, 1},
       {"queue_capacity", "", "Sampled pictures waiting for the detector", &P::queue_capacity, 1, 64},
       {"body_interval", "", "Seconds before the body model looks again within a shot", &P::body_interval, 0.04,
        3600},
       {"thumbnail_width", "", "Width of contact-sheet thumbnails in pixels", &P::thumbnail_width, 32, 640},
       {"thumbnails_per_class", "", "Thumbnails kept per provisional shot scale", &P::thumbnails_per_class, 1,
        1000},
       {"mouth_pictures", "", "Pictures in a mouth burst, the sample included", &P::mouth_pictures, 2, 50},
       {"mouth_interval", "", "Seconds between a mouth burst's pictures", &P::mouth_interval, 0.01, 1},
       {"max_mouth_faces", "", "Faces whose mouths are measured in a sample, the largest first", &P::max_mouth_faces,
        1, 20},
       {"min_mouth_face_score", "", "FaceMesh face flag a picture's landmarks need to count",
        &P::min_mouth_face_score, 0, 1},
       {"speech_reach", "", "Seconds around a sample in which heard speech starts a mouth burst", &P::speech_reach, 0,
        10}}};
  return table;
}

void FaceAnalyzerParams::validate() const {
  params::check(*this, table());
  check_range(table().owner, "sparse_interval", sparse_interval, dense_interval, 60);
}

FaceAnalyzer::FaceAnalyzer(std::unique_ptr<models::FaceDetector> detector, const Params& params,
                           const metrics::ShotScaleParams& scale, std::unique_ptr<models::PersonDetector> people,
                           std::unique_ptr<models::FaceMesh> mesh, const SpeechGate* gate,
                           const metrics::MouthActivityParams& mouth_activity)
    : params_(params),
      scale_(scale),
      mouth_activity_(mouth_activity),
      detector_(std::move(detector)),
      people_(std::move(people)),
      mesh_(std::move(mesh)),
      gate_(gate),
      jobs_([this](Job& job) { process(job); }, size_t(params.queue_capacity)) {
  params_.validate();
  scale_.validate();
  mouth_activity_.validate();
  if (!detector_) throw Error(ErrorKind::internal, "face analyzer needs a detector");
}

std::vector<std::filesystem::path> FaceAnalyzer::model_files() const {
  std::vector<std::filesystem::path> files = detector_->model_files();
  if (people_)
    for (const auto& file : people_->model_files()) files.push_back(file);
  if (mesh_)
    for (const auto& file : mesh_->model_files()) files.push_back(file);
  return files;
}

int FaceAnalyzer::detail_width(int64_t index, double time) {
  sample_this_ = false;
  after_change_ = false;
  if (change_pending_) changed_since_sample_ = true;
  if (index == 0 || change_pending_) {
    change_time_ = time;
    if (index == 0 || time - last_change_sample_ >= params_.min_change_gap - time_slack) {
      sample_this_ = true;
      after_change_ = true;
      last_change_sample_ = time;
    }
  } else if (time >= next_sample_time_ - time_slack) {
    sample_this_ = true;
  }
  change_pending_ = false;
  if (!sample_this_) {
    // The next picture of a mouth burst, when one is running.
    if (burst_left_ == 0 || time < next_burst_time_ - time_slack) return 0;
    --burst_left_;
    next_burst_time_ += params_.mouth_interval;
    sample_this_ = true;
    job_kind_ = JobKind::burst;
    return params_.detail_width;
  }
  new_picture_ = changed_since_sample_;
  changed_since_sample_ = false;
  const bool dense = time - change_time_ < params_.dense_span - time_slack;
  next_sample_time_ = time + (dense ? params_.dense_interval : params_.sparse_interval);
  // A sample ends the burst before it and starts its own, measured if speech is heard near it (the
  // sound may not be heard yet: release() decides).
  job_kind_ = mesh_ && gate_ ? JobKind::sample_with_mouths : JobKind::sample;
  burst_left_ = job_kind_ == JobKind::sample_with_mouths ? params_.mouth_pictures - 1 : 0;
  next_burst_time_ = time + params_.mouth_interval;
  return params_.detail_width;
}

void FaceAnalyzer::on_video(const media::VideoFrame& frame) {
  cv::Mat grey, thumb;
  cv::cvtColor(frame.picture, grey, cv::COLOR_BGR2GRAY);
  cv::resize(grey, thumb, change_thumb_size, 0, 0, cv::INTER_AREA);
  if (!previous_thumb_.empty()) {
    const double change = cv::norm(thumb, previous_thumb_, cv::NORM_L1) / (thumb.total() * 255.0);
    change_pending_ = change >= params_.change_threshold;
    if (change >= params_.body_change_threshold) body_change_since_sample_ = true;
  }
  previous_thumb_ = thumb;

  if (!sample_this_) return;
  // A burst picture after a change of picture shows something else: the burst ends there.
  if (job_kind_ == JobKind::burst && change_pending_) {
    burst_left_ = 0;
    return;
  }
  if (frame.detail.empty()) throw Error(ErrorKind::internal, "face analyzer: the detail picture asked for is missing");
  // A sample on the very picture a change reaches is taken before the change is known: it starts a
  // picture too.
  Job job{frame.index, frame.time, frame.detail.clone(), after_change_, job_kind_,
          job_kind_ != JobKind::burst && (new_picture_ || change_pending_)};
  if (job_kind_ != JobKind::burst) {
    job.body_change = body_change_since_sample_;
    body_change_since_sample_ = false;
  }
  if (job_kind_ == JobKind::sample) {
    jobs_.push(std::move(job));
    return;
  }
  waiting_.push_back(std::move(job));
  release(false);
}

void FaceAnalyzer::release(bool all) {
  // A sample waits until whether speech is near it is known: at once when speech within its reach
  // has been heard already (more sound cannot take it back), otherwise once the sound
  // `speech_reach` past it has been heard (or too many wait, for a file whose sound stops or lags
  // far behind). A burst's pictures follow their sample's fate, known when they reach the front.
  // So pictures wait for the sound only where there is no speech, keeping few of them in memory.
  while (!waiting_.empty()) {
    Job& job = waiting_.front();
    const bool speech_near = job.kind == JobKind::sample_with_mouths && gate_->speech_near(job.time);
    const bool decided = job.kind == JobKind::burst || speech_near ||
                         gate_->heard_until() >= job.time + params_.speech_reach;
    if (!all && !decided && waiting_.size() <= size_t(max_waiting)) return;
    if (job.kind == JobKind::sample_with_mouths) {
      measuring_ = speech_near;
      if (!measuring_) job.kind = JobKind::sample;
    }
    if (job.kind == JobKind::sample || measuring_) jobs_.push(std::move(job));
    waiting_.pop_front();
  }
}

void FaceAnalyzer::process(Job& job) {
  if (job.kind == JobKind::burst) {
    if (!tracks_.empty()) detected_.back().observation.burst_end = job.time;
    measure_mouths(job.detail);
    return;
  }
  settle_listener();
  tracks_.clear();
  Detected detected{{job.frame, job.time, {}, 0}, {}, job.detail.size()};
  metrics::FaceObservation& seen = detected.observation;
  seen.new_picture = job.new_picture;
  seen.burst_end = job.time;
  const cv::Size size = job.detail.size();
  detected.border = metrics::measure_dark_border(job.detail, params_.min_dark_fraction);
  const metrics::Border crop = centred(detected.border);
  std::vector<models::Face> faces;
  cv::Rect inside;
  if (!crop.covers(size)) {
    inside = crop.inside(size);
    faces = detector_->detect(job.detail(inside));
  }
  // The largest faces, in boxes of the detail picture's pixels: their mouths are measured, and a
  // later sample may carry them.
  std::vector<size_t> largest(faces.size());
  for (size_t i = 0; i < largest.size(); ++i) largest[i] = i;
  std::stable_sort(largest.begin(), largest.end(), [&](size_t a, size_t b) { return faces[a].box.area() > faces[b].box.area(); });
  largest.resize(std::min(largest.size(), size_t(params_.max_mouth_faces)));
  if (job.new_picture) previous_boxes_.clear();
  if (job.kind == JobKind::sample_with_mouths) {
    for (const size_t i : largest) tracks_.push_back({i, faces[i].box + cv::Point2f(float(inside.x), float(inside.y))});
    seen.mouths.resize(faces.size());
  }
  for (models::Face face : faces) {
    // To fractions of the whole picture; finish() moves them into the stream's active picture.
    face.box = to_fraction(face.box, inside, size);
    seen.faces.push_back(face);
    seen.largest_face = std::max(seen.largest_face, double(face.box.height) * size.height / inside.height);
  }
  if (!crop.covers(size) && body_due(job, seen.largest_face)) {
    seen.body_searched = true;
    for (models::Person person : people_->detect(job.detail(inside), !faces.empty())) {
      for (models::BodyPoint& part : person.parts) part.at = to_fraction(part.at, inside, size);
      if (!person.figure.empty()) person.figure = to_fraction(person.figure, inside, size);
      seen.people.push_back(person);
    }
  }
  // The largest face the sample's class reads, in shares of the active picture's height as
  // largest_face (faces held by figures framed over the shoulder passed over).
  keep_thumbnail(job, seen,
                 seen.faces.empty() ? 0
                                    : metrics::largest_face_read(seen.faces, seen.people, scale_.body) * size.height /
                                          inside.height);
  detected_.push_back(std::move(detected));
  if (job.kind == JobKind::sample_with_mouths && faces.empty()) carry_faces(job.detail);
  else {
    previous_boxes_.clear();
    for (const size_t i : largest) previous_boxes_.push_back(faces[i].box + cv::Point2f(float(inside.x), float(inside.y)));
    measure_mouths(job.detail);
  }
  metrics::FaceObservation& kept = detected_.back().observation;
  kept.mouths_checked = !tracks_.empty();
  if (kept.mouths_checked) {
    metrics::FaceThumbnail thumbnail{job.frame, job.time, {}, {}};
    cv::resize(job.detail, thumbnail.image,
               media::scaled_size(job.detail.cols, job.detail.rows, {}, params_.thumbnail_width), 0, 0, cv::INTER_AREA);
    for (const models::Face& face : kept.faces) thumbnail.boxes.push_back(face.box);
    pending_listener_ = std::move(thumbnail);
  }
}

void FaceAnalyzer::carry_faces(const cv::Mat& detail) {
  std::vector<cv::Rect2f> carried;
  metrics::FaceObservation& seen = detected_.back().observation;
  for (const cv::Rect2f& box : previous_boxes_) {
    const models::FaceLandmarks found = mesh_->landmarks(detail, box);
    ++mouth_measurements_;
    if (found.face_score < params_.min_mouth_face_score) continue;
    // The face where FaceMesh sees it now: its landmarks' extent, as a detector's box would hold it.
    const cv::Rect2f moved = cv::boundingRect(std::vector<cv::Point2f>(found.points.begin(), found.points.end()));
    if (moved.empty()) continue;
    carried.push_back(moved);
    tracks_.push_back({seen.mouths.size(), moved});
    seen.mouths.emplace_back();
    if (const std::optional<double> opening = opening_of(found)) seen.mouths.back().push_back(*opening);
  }
  seen.carried_faces = int(carried.size());
  previous_boxes_ = std::move(carried);
}

std::optional<double> FaceAnalyzer::opening_of(const models::FaceLandmarks& found) const {
  if (found.face_score < params_.min_mouth_face_score) return std::nullopt;
  const auto& p = found.points;
  return metrics::mouth_opening({p[metrics::upper_lip_landmark], p[metrics::lower_lip_landmark],
                                 p[metrics::left_corner_landmark], p[metrics::right_corner_landmark],
                                 p[metrics::forehead_landmark], p[metrics::chin_landmark]});
}

void FaceAnalyzer::measure_mouths(const cv::Mat& detail) {
  if (tracks_.empty()) return;
  std::vector<std::vector<double>>& mouths = detected_.back().observation.mouths;
  for (const MouthTrack& track : tracks_) {
    std::vector<double>& openings = mouths[track.face];
    if (metrics::speaking(openings, mouth_activity_)) continue;  // decided: more openings only widen the spread
    ++mouth_measurements_;
    if (const std::optional<double> opening = opening_of(mesh_->landmarks(detail, track.box)))
      openings.push_back(*opening);
  }
}

void FaceAnalyzer::settle_listener() {
  if (!pending_listener_) return;
  const metrics::FaceObservation& seen = detected_.back().observation;
  const bool anyone_speaks = std::any_of(seen.mouths.begin(), seen.mouths.end(), [&](const std::vector<double>& openings) {
    return metrics::speaking(openings, mouth_activity_);
  });
  if (!anyone_speaks && listeners_.wants()) listeners_.keep(std::move(*pending_listener_), params_.thumbnails_per_class);
  pending_listener_.reset();
}

bool FaceAnalyzer::body_due(const Job& job, double largest_face) {
  // A new shot as the sampler sees it: a change of picture, a smaller one than a sample needs, or a
  // change of the face's class (a cut between similar pictures, the same person at another size,
  // passes the change tests unseen).
  const metrics::ShotScale by_face =
      metrics::classify_face_size(largest_face > 0 ? std::optional(largest_face) : std::nullopt, scale_.thresholds);
  // A sample after a change follows the changed picture itself; when that picture was looked at
  // (a sample falling on the cut), the shot has had its look.
  const bool new_shot = job.after_change && last_body_frame_ != job.frame - 1;
  if (new_shot || job.body_change || by_face != last_face_class_) body_pending_ = true;
  last_face_class_ = by_face;
  if (!people_) return false;
  if (!body_pending_ && job.time - last_body_time_ < params_.body_interval - time_slack) return false;
  body_pending_ = false;
  last_body_time_ = job.time;
  last_body_frame_ = job.frame;
  return true;
}

void FaceAnalyzer::keep_thumbnail(const Job& job, const metrics::FaceObservation& seen, double largest_face) {
  // The sample's own class, as a shot of this one picture would get (bars not yet known: parts in
  // fractions of the whole picture).
  const std::optional<double> size = largest_face > 0 ? std::optional(largest_face) : std::nullopt;
  const metrics::ShotScale by_body =
      metrics::classify_people(seen.people, scale_.body, double(job.detail.cols) / job.detail.rows, size.has_value());
  const metrics::ShotScale scale = metrics::combine_scales(metrics::classify_face_size(size, scale_.thresholds), by_body);
  ThumbnailPool& pool = pools_[static_cast<size_t>(scale)];
  if (!pool.wants()) return;

  metrics::FaceThumbnail thumbnail{job.frame, job.time, {}, {}};
  cv::resize(job.detail, thumbnail.image,
             media::scaled_size(job.detail.cols, job.detail.rows, {}, params_.thumbnail_width), 0, 0,
             cv::INTER_AREA);
  for (const models::Face& face : seen.faces) thumbnail.boxes.push_back(face.box);
  thumbnail.people = seen.people;
  pool.keep(std::move(thumbnail), params_.thumbnails_per_class);
}

void FaceAnalyzer::ThumbnailPool::keep(metrics::FaceThumbnail thumbnail, int capacity) {
  kept.push_back(std::move(thumbnail));
  if (kept.size() <= size_t(capacity)) return;
  std::vector<metrics::FaceThumbnail> halved;
  for (size_t i = 0; i < kept.size(); i += 2) halved.push_back(std::move(kept[i]));
  kept = std::move(halved);
  stride *= 2;
}

void FaceAnalyzer::finish() {
  if (gate_) release(true);
  jobs_.finish();
  settle_listener();

  // The stream's bars: what every sampled picture has dark, in the pictures' own pixels (the
  // detail size is the same for the whole stream).
  std::vector<metrics::Border> borders;
  for (const Detected& d : detected_) borders.push_back(d.border);
  cv::Rect2d& active = result_.active_picture;
  if (!detected_.empty()) {
    const cv::Size size = detected_.front().size;
    const cv::Rect inside = centred(metrics::common_bars(borders, size)).inside(size);
    result_.active_aspect = double(size.width) / size.height;
    if (!inside.empty()) {
      active = cv::Rect2d(double(inside.x) / size.width, double(inside.y) / size.height,
                          double(inside.width) / size.width, double(inside.height) / size.height);
      result_.active_aspect = double(inside.width) / inside.height;
    }
  }
  for (Detected& d : detected_) {
    metrics::FaceObservation& seen = d.observation;
    seen.largest_face = 0;
    for (models::Face& face : seen.faces) {
      face.box = to_active(face.box, active);
      seen.largest_face = std::max(seen.largest_face, double(face.box.height));
    }
    for (models::Person& person : seen.people) {
      for (models::BodyPoint& part : person.parts) part.at = to_active(part.at, active);
      if (!person.figure.empty()) person.figure = to_active(person.figure, active);
    }
    result_.samples.push_back(std::move(seen));
  }
  detected_.clear();
  result_.mouth_measurements = mouth_measurements_;
  for (ThumbnailPool& pool : pools_)
    std::move(pool.kept.begin(), pool.kept.end(), std::back_inserter(result_.thumbnails));
  result_.listener_thumbnails = std::move(listeners_.kept);
  std::sort(result_.thumbnails.begin(), result_.thumbnails.end(),
            [](const metrics::FaceThumbnail& a, const metrics::FaceThumbnail& b) { return a.frame < b.frame; });
}

}  // namespace herlens::analyzers
