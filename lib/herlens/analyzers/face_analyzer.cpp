#include "herlens/analyzers/face_analyzer.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"
#include "herlens/media/thread_priority.hpp"

namespace herlens::analyzers {

namespace {

// Change thumbnails: coarse enough to ignore grain and small motion, fine enough to see a cut.
const cv::Size change_thumb_size{16, 9};
// Times of samples due "now" may sit this far after the frame's time (rounding of pts to seconds).
constexpr double time_slack = 1e-6;

// A dark border cut to what is centred: bars come in equal pairs, a dark sky or floor does not.
Border centred(Border border) {
  border.top = border.bottom = std::min(border.top, border.bottom);
  border.left = border.right = std::min(border.left, border.right);
  return border;
}

}  // namespace

void FaceAnalyzerParams::validate() const {
  check_range("face analyzer", "dense_interval", dense_interval, 0.04, 10);
  check_range("face analyzer", "dense_span", dense_span, 0, 60);
  check_range("face analyzer", "sparse_interval", sparse_interval, dense_interval, 60);
  check_range("face analyzer", "change_threshold", change_threshold, 1e-6, 1);
  check_range("face analyzer", "min_change_gap", min_change_gap, 0, 10);
  check_range("face analyzer", "detail_width", detail_width, 160, 4096);
  check_range("face analyzer", "min_dark_fraction", min_dark_fraction, 0.5, 1);
  check_range("face analyzer", "queue_capacity", queue_capacity, 1, 64);
  check_range("face analyzer", "thumbnail_width", thumbnail_width, 32, 640);
  check_range("face analyzer", "thumbnails_per_class", thumbnails_per_class, 1, 1000);
  thresholds.validate();
}

FaceAnalyzer::FaceAnalyzer(std::unique_ptr<models::FaceDetector> detector, const Params& params)
    : params_(params), detector_(std::move(detector)) {
  params_.validate();
  if (!detector_) throw Error(ErrorKind::internal, "face analyzer needs a detector");
  worker_ = std::thread([this] { work(); });
}

FaceAnalyzer::~FaceAnalyzer() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
    queue_.clear();
  }
  changed_.notify_all();
  if (worker_.joinable()) worker_.join();
}

int FaceAnalyzer::detail_width(int64_t index, double time) {
  sample_this_ = false;
  if (index == 0 || change_pending_) {
    change_time_ = time;
    if (index == 0 || time - last_change_sample_ >= params_.min_change_gap - time_slack) {
      sample_this_ = true;
      last_change_sample_ = time;
    }
  } else if (time >= next_sample_time_ - time_slack) {
    sample_this_ = true;
  }
  change_pending_ = false;
  if (!sample_this_) return 0;
  const bool dense = time - change_time_ < params_.dense_span - time_slack;
  next_sample_time_ = time + (dense ? params_.dense_interval : params_.sparse_interval);
  return params_.detail_width;
}

void FaceAnalyzer::on_video(const media::VideoFrame& frame) {
  cv::Mat grey, thumb;
  cv::cvtColor(frame.picture, grey, cv::COLOR_BGR2GRAY);
  cv::resize(grey, thumb, change_thumb_size, 0, 0, cv::INTER_AREA);
  if (!previous_thumb_.empty())
    change_pending_ = cv::norm(thumb, previous_thumb_, cv::NORM_L1) / (thumb.total() * 255.0) >=
                      params_.change_threshold;
  previous_thumb_ = thumb;

  if (!sample_this_) return;
  if (frame.detail.empty()) throw Error(ErrorKind::internal, "face analyzer: the detail picture asked for is missing");
  Job job{frame.index, frame.time, frame.detail.clone()};
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return queue_.size() < size_t(params_.queue_capacity) || worker_error_; });
  if (worker_error_) {
    lock.unlock();
    rethrow_worker_error();
  }
  queue_.push_back(std::move(job));
  lock.unlock();
  changed_.notify_all();
}

void FaceAnalyzer::work() {
  media::run_below_decoding();
  for (;;) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closing_ || !queue_.empty(); });
    if (queue_.empty()) return;  // closing, nothing left
    Job job = std::move(queue_.front());
    queue_.pop_front();
    lock.unlock();
    changed_.notify_all();
    try {
      process(job);
    } catch (...) {
      lock.lock();
      worker_error_ = std::current_exception();
      queue_.clear();
      lock.unlock();
      changed_.notify_all();
      return;
    }
  }
}

void FaceAnalyzer::process(Job& job) {
  Detected detected{{job.frame, job.time, {}, 0}, {}, job.detail.size()};
  const cv::Size size = job.detail.size();
  detected.border = measure_dark_border(job.detail, params_.min_dark_fraction);
  const Border crop = centred(detected.border);
  if (!crop.covers(size)) {
    const cv::Rect inside = crop.inside(size);
    for (models::Face face : detector_->detect(job.detail(inside))) {
      // To fractions of the whole picture; finish() moves them into the stream's active picture.
      face.box = cv::Rect2f((face.box.x + inside.x) / size.width, (face.box.y + inside.y) / size.height,
                            face.box.width / size.width, face.box.height / size.height);
      detected.observation.faces.push_back(face);
      detected.observation.largest_face = std::max(
          detected.observation.largest_face, double(face.box.height) * size.height / inside.height);
    }
  }
  keep_thumbnail(job, detected);
  detected_.push_back(std::move(detected));
}

void FaceAnalyzer::keep_thumbnail(const Job& job, const Detected& detected) {
  const FaceObservation& seen = detected.observation;
  const std::optional<double> size = seen.faces.empty() ? std::nullopt : std::optional(seen.largest_face);
  ThumbnailPool& pool = pools_[static_cast<size_t>(metrics::classify_face_size(size, params_.thresholds))];
  if (pool.offered++ % pool.stride != 0) return;

  const double scale = double(params_.thumbnail_width) / job.detail.cols;
  FaceThumbnail thumbnail{job.frame, job.time, {}};
  cv::resize(job.detail, thumbnail.image,
             cv::Size(params_.thumbnail_width, std::max(1, int(std::lround(job.detail.rows * scale)))), 0, 0,
             cv::INTER_AREA);
  const cv::Size2f picture = thumbnail.image.size();
  for (const models::Face& face : seen.faces)
    cv::rectangle(thumbnail.image,
                  cv::Rect(cv::Point(std::lround(face.box.x * picture.width), std::lround(face.box.y * picture.height)),
                           cv::Point(std::lround(face.box.br().x * picture.width),
                                     std::lround(face.box.br().y * picture.height))),
                  cv::Scalar(0, 255, 0), 1, cv::LINE_AA);
  pool.kept.push_back(std::move(thumbnail));
  if (pool.kept.size() > size_t(params_.thumbnails_per_class)) {
    std::vector<FaceThumbnail> halved;
    for (size_t i = 0; i < pool.kept.size(); i += 2) halved.push_back(std::move(pool.kept[i]));
    pool.kept = std::move(halved);
    pool.stride *= 2;
  }
}

void FaceAnalyzer::rethrow_worker_error() {
  std::lock_guard lock(mutex_);
  if (worker_error_) std::rethrow_exception(worker_error_);
}

void FaceAnalyzer::finish() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  if (worker_.joinable()) worker_.join();
  rethrow_worker_error();

  // The stream's bars: what every sampled picture has dark, in the pictures' own pixels (the
  // detail size is the same for the whole stream).
  std::vector<Border> borders;
  for (const Detected& d : detected_) borders.push_back(d.border);
  if (!detected_.empty()) {
    const cv::Size size = detected_.front().size;
    const cv::Rect inside = centred(common_bars(borders, size)).inside(size);
    if (!inside.empty())
      active_ = cv::Rect2d(double(inside.x) / size.width, double(inside.y) / size.height,
                           double(inside.width) / size.width, double(inside.height) / size.height);
  }
  observations_.clear();
  for (Detected& d : detected_) {
    FaceObservation& seen = d.observation;
    seen.largest_face = 0;
    for (models::Face& face : seen.faces) {
      face.box = cv::Rect2f(float((face.box.x - active_.x) / active_.width), float((face.box.y - active_.y) / active_.height),
                            float(face.box.width / active_.width), float(face.box.height / active_.height));
      seen.largest_face = std::max(seen.largest_face, double(face.box.height));
    }
    observations_.push_back(std::move(seen));
  }
  detected_.clear();
}

std::vector<metrics::FramingSample> FaceAnalyzer::framing_samples() const {
  std::vector<metrics::FramingSample> samples;
  for (const FaceObservation& seen : observations_)
    samples.push_back({seen.time, int(seen.faces.size()), seen.largest_face});
  return samples;
}

std::vector<metrics::FaceSample> FaceAnalyzer::face_samples() const {
  std::vector<metrics::FaceSample> samples;
  for (const FaceObservation& seen : observations_) samples.push_back({seen.time, int(seen.faces.size())});
  return samples;
}

std::vector<FaceThumbnail> FaceAnalyzer::thumbnails() const {
  std::vector<FaceThumbnail> all;
  for (const ThumbnailPool& pool : pools_) all.insert(all.end(), pool.kept.begin(), pool.kept.end());
  std::sort(all.begin(), all.end(), [](const FaceThumbnail& a, const FaceThumbnail& b) { return a.frame < b.frame; });
  return all;
}

}  // namespace herlens::analyzers
