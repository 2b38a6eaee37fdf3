// The face analyzer on synthetic pictures fed directly, with a fake detector whose answers are
// known: which pictures it samples, how boxes become fractions of the active picture, and that
// results never depend on the worker thread's timing.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "herlens/analyzers/face_analyzer.hpp"
#include "herlens/error.hpp"
#include "herlens/pipeline/pass.hpp"
#include "support/fixtures.hpp"

using herlens::analyzers::FaceAnalyzer;
using herlens::analyzers::FaceAnalyzerParams;
using herlens::metrics::FaceObservation;
using herlens::metrics::FaceObservations;
using herlens::models::Face;

namespace {

constexpr double fps = 20;
// Pictures are drawn at the default detail size and scaled down to the analysis size, as the decoder does.
const cv::Size detail_size{960, 540};
const cv::Size analysis_size{320, 180};

// A "face" is whatever is pure white: the fake detector returns the bounding box of the white
// pixels (in pixels of the picture it is given), and optionally takes its time doing so.
class WhiteBoxDetector final : public herlens::models::FaceDetector {
 public:
  explicit WhiteBoxDetector(std::vector<cv::Size>* given_sizes = nullptr, unsigned jitter_seed = 0)
      : given_sizes_(given_sizes), random_(jitter_seed), jitter_(jitter_seed != 0) {}
  std::vector<std::filesystem::path> model_files() const override { return {}; }
  std::vector<Face> detect(const cv::Mat& bgr) override {
    if (given_sizes_) given_sizes_->push_back(bgr.size());
    if (jitter_) std::this_thread::sleep_for(std::chrono::microseconds(random_() % 3000));
    cv::Mat white;
    cv::inRange(bgr, cv::Scalar::all(255), cv::Scalar::all(255), white);
    const cv::Rect box = cv::boundingRect(white);
    if (box.empty()) return {};
    return {Face{cv::Rect2f(box), 0.9f}};
  }

 private:
  std::vector<cv::Size>* given_sizes_;
  std::minstd_rand random_;
  bool jitter_;
};

// Hands frame `index` (`picture`, at detail_size) as a decoder at `fps` would: asks detail_width(),
// hands the analysis picture and, when asked for, the detail picture.
void feed_frame(FaceAnalyzer& analyzer, const cv::Mat& picture, int64_t index) {
  herlens::media::VideoFrame frame;
  frame.index = index;
  frame.time = double(index) / fps;
  frame.duration = 1 / fps;
  cv::resize(picture, frame.picture, analysis_size, 0, 0, cv::INTER_AREA);
  if (const int width = analyzer.detail_width(frame.index, frame.time); width > 0)
    cv::resize(picture, frame.detail, cv::Size(width, width * detail_size.height / detail_size.width), 0, 0,
               cv::INTER_AREA);
  analyzer.on_video(frame);
}

// Feeds `pictures` from frame 0, then finishes. Returns what the analyzer saw.
FaceObservations feed(FaceAnalyzer& analyzer, const std::vector<cv::Mat>& pictures) {
  for (size_t i = 0; i < pictures.size(); ++i) feed_frame(analyzer, pictures[i], int64_t(i));
  analyzer.finish();
  return analyzer.take_result();
}

// A plain picture of grey `level`, `count` times over.
std::vector<cv::Mat> plain(int level, int count) {
  return std::vector<cv::Mat>(size_t(count), cv::Mat(detail_size, CV_8UC3, cv::Scalar::all(level)));
}

std::vector<int64_t> sampled_frames(const FaceObservations& seen) {
  std::vector<int64_t> frames;
  for (const FaceObservation& sample : seen.samples) frames.push_back(sample.frame);
  return frames;
}

std::vector<cv::Mat> joined(std::vector<cv::Mat> first, const std::vector<cv::Mat>& second) {
  first.insert(first.end(), second.begin(), second.end());
  return first;
}

}  // namespace

TEST_CASE("face analyzer: samples the first frame, then 1 frame, 0.5 s and 1 s after a cut, then once a second") {
  FaceAnalyzer analyzer(std::make_unique<WhiteBoxDetector>());
  // A cut at frame 30 (1.5 s) of 100 frames at 20 fps.
  const FaceObservations seen = feed(analyzer, joined(plain(40, 30), plain(200, 70)));
  // Before the cut: 0, 0.5 s, 1 s (then 2 s, never reached). After it: 1.55 s, 2.05, 2.55, 3.55, 4.55.
  CHECK(sampled_frames(seen) == std::vector<int64_t>{0, 10, 20, 31, 41, 51, 71, 91});
  CHECK(seen.samples[3].time == doctest::Approx(1.55));
}

TEST_CASE("face analyzer: every shot longer than about 1.1 s after a cut gets at least 3 samples") {
  FaceAnalyzer analyzer(std::make_unique<WhiteBoxDetector>());
  // Eight shots of 23 frames (1.15 s), alternating dark and light.
  constexpr int shot_frames = 23, shot_count = 8;
  std::vector<cv::Mat> pictures;
  for (int k = 0; k < shot_count; ++k) pictures = joined(pictures, plain(k % 2 ? 200 : 40, shot_frames));
  const FaceObservations seen = feed(analyzer, pictures);
  std::vector<int> samples_per_shot(shot_count, 0);
  for (const int64_t frame : sampled_frames(seen)) ++samples_per_shot[frame / shot_frames];
  for (int k = 0; k < shot_count; ++k) {
    CAPTURE(k);
    CHECK(samples_per_shot[k] == 3);
  }
}

TEST_CASE("face analyzer: pictures flashing every frame are sampled no closer than min_change_gap") {
  FaceAnalyzerParams params;
  params.min_change_gap = 0.2;
  FaceAnalyzer analyzer(std::make_unique<WhiteBoxDetector>(), params);
  std::vector<cv::Mat> pictures;
  for (int i = 0; i < 40; ++i) pictures = joined(pictures, plain(i % 2 ? 220 : 30, 1));
  const auto frames = sampled_frames(feed(analyzer, pictures));
  REQUIRE(frames.size() >= 2);
  for (size_t i = 1; i < frames.size(); ++i) CHECK(frames[i] - frames[i - 1] >= 4);  // 0.2 s at 20 fps
}

TEST_CASE("face analyzer: a 2.39:1 picture in a 16:9 frame - faces are fractions of the active picture") {
  // The active picture: 960 x 402 between bars of 69 rows; a white face 100 rows tall at (430, 150) inside it.
  constexpr int bar = 69, active_height = 540 - 2 * bar;
  cv::Mat picture(detail_size, CV_8UC3, cv::Scalar::all(0));
  picture(cv::Rect(0, bar, 960, active_height)).setTo(cv::Scalar(90, 120, 150));
  const cv::Rect face_in_active(430, 150, 96, 100);
  picture(face_in_active + cv::Point(0, bar)).setTo(cv::Scalar::all(255));

  std::vector<cv::Size> given_sizes;
  FaceAnalyzer analyzer(std::make_unique<WhiteBoxDetector>(&given_sizes));
  const FaceObservations seen = feed(analyzer, std::vector<cv::Mat>(40, picture));

  // The detector saw the picture without its bars.
  REQUIRE_FALSE(given_sizes.empty());
  CHECK(given_sizes.front() == cv::Size(960, active_height));
  const cv::Rect2d active = seen.active_picture;
  CHECK(active.y == doctest::Approx(double(bar) / 540).epsilon(0.005));
  CHECK(active.height == doctest::Approx(double(active_height) / 540).epsilon(0.005));
  CHECK(active.width == doctest::Approx(1));

  REQUIRE(seen.samples.size() == 3);  // 0, 0.5 s, 1 s of a 2 s shot
  for (const FaceObservation& sample : seen.samples) {
    REQUIRE(sample.faces.size() == 1);
    const cv::Rect2f box = sample.faces.front().box;
    CHECK(box.x == doctest::Approx(430.0 / 960).epsilon(0.005));
    CHECK(box.y == doctest::Approx(150.0 / active_height).epsilon(0.005));
    CHECK(box.height == doctest::Approx(100.0 / active_height).epsilon(0.005));  // 0.249, not 100 / 540 = 0.185
    CHECK(sample.largest_face == doctest::Approx(box.height));
  }
  const auto samples = herlens::metrics::framing_samples(seen.samples, {}, seen.active_aspect);
  REQUIRE(samples.size() == 3);
  CHECK(samples[0].faces == 1);
  CHECK(samples[0].largest_face == doctest::Approx(100.0 / active_height).epsilon(0.005));
  CHECK(herlens::metrics::face_samples(seen.samples, {})[2].faces == 1);
  // Thumbnails keep the boxes as fractions of the whole picture, bars included.
  REQUIRE_FALSE(seen.thumbnails.empty());
  REQUIRE(seen.thumbnails.front().boxes.size() == 1);
  CHECK(seen.thumbnails.front().boxes.front().y == doctest::Approx(double(150 + bar) / 540).epsilon(0.005));
}

// Records the times of the pictures the body model was asked to look at; finds no one.
class CountingPersonDetector final : public herlens::models::PersonDetector {
 public:
  explicit CountingPersonDetector(std::vector<int>* sizes) : sizes_(sizes) {}
  std::vector<herlens::models::Person> detect(const cv::Mat& bgr, bool) override {
    sizes_->push_back(bgr.rows);
    return {};
  }
  std::vector<std::filesystem::path> model_files() const override { return {}; }

 private:
  std::vector<int>* sizes_;
};

TEST_CASE("face analyzer: the body model looks once a shot, and again after body_interval") {
  // Shot 1: 5 s without a face; shot 2: 4 s with a face of 0.30 (MCU); shot 3: 2 s with a face of
  // 0.10 (MLS by the face).
  const auto with_face = [](int level, int face_rows, int count) {
    cv::Mat picture(detail_size, CV_8UC3, cv::Scalar::all(level));
    picture(cv::Rect(400, 100, face_rows, face_rows)).setTo(cv::Scalar::all(255));
    return std::vector<cv::Mat>(size_t(count), picture);
  };
  const auto pictures = joined(joined(plain(40, 100), with_face(160, 162, 80)), with_face(60, 54, 40));
  std::vector<int> looked;
  FaceAnalyzerParams params;
  params.body_interval = 2;
  FaceAnalyzer analyzer(std::make_unique<WhiteBoxDetector>(), params, {},
                        std::make_unique<CountingPersonDetector>(&looked));
  const FaceObservations seen = feed(analyzer, pictures);
  std::vector<double> times;
  for (const FaceObservation& sample : seen.samples)
    if (sample.body_searched) times.push_back(sample.time);
  // Shot 1 sampled at 0, 0.5, 1, 2, 3, 4 s: looked at 0, 2 and 4 s. Shot 2 (from 5 s): where its
  // face is first seen (the once-a-second sample at 5 s, which falls on the cut's picture; not
  // again at the sample the change triggers, 5.05 s), and at the first sample body_interval later
  // (7.05 s). Shot 3 (from 9 s): at its first sample.
  const std::vector<double> expected{0, 2, 4, 5, 7.05, 9.05};
  REQUIRE(times.size() == expected.size());
  for (size_t i = 0; i < expected.size(); ++i) CHECK(times[i] == doctest::Approx(expected[i]));
  CHECK(looked.size() == expected.size());
}

TEST_CASE("face analyzer: a cut between similar pictures, too small a change for a sample, makes the body model look") {
  // Two faceless shots of 3 s, grey 40 then grey 58: a change of 0.07, under change_threshold
  // (0.1) but over body_change_threshold (0.05). Samples at 0, 0.5, 1, 2, 3, 4 and 5 s.
  const auto pictures = joined(plain(40, 60), plain(58, 60));
  const auto looks_at = [&](double body_change_threshold) {
    std::vector<int> looked;
    FaceAnalyzerParams params;
    params.body_change_threshold = body_change_threshold;
    FaceAnalyzer analyzer(std::make_unique<WhiteBoxDetector>(), params, {},
                          std::make_unique<CountingPersonDetector>(&looked));
    std::vector<double> times;
    for (const FaceObservation& sample : feed(analyzer, pictures).samples)
      if (sample.body_searched) times.push_back(sample.time);
    CHECK(looked.size() == times.size());
    return times;
  };
  // Looked at the first sample, and at the sample on the second shot's first picture.
  CHECK(looks_at(0.05) == std::vector<double>{0, 3});
  // A threshold over that change: the second shot waits for body_interval (10 s), past the film.
  CHECK(looks_at(0.08) == std::vector<double>{0});
}

TEST_CASE("face analyzer: a picture without a face and an all-black picture give no face") {
  FaceAnalyzer analyzer(std::make_unique<WhiteBoxDetector>());
  const FaceObservations seen = feed(analyzer, joined(plain(0, 25), plain(128, 25)));
  REQUIRE(seen.samples.size() >= 2);
  for (const FaceObservation& sample : seen.samples) {
    CHECK(sample.faces.empty());
    CHECK(sample.largest_face == 0);
  }
  CHECK(seen.active_picture == cv::Rect2d(0, 0, 1, 1));  // the dark shot does not make bars
}

TEST_CASE("face analyzer: results do not depend on the worker's timing") {
  // Moving faces of changing size, cuts, and a detector taking 0..3 ms at random per picture.
  std::vector<cv::Mat> pictures;
  for (int i = 0; i < 120; ++i) {
    cv::Mat picture(detail_size, CV_8UC3, cv::Scalar::all((i / 30) % 2 ? 170 : 60));
    picture(cv::Rect(20 + 5 * i, 40 + i, 60 + i, 80 + 2 * (i % 30))).setTo(cv::Scalar::all(255));
    pictures.push_back(picture);
  }
  const auto run = [&](unsigned seed, int queue_capacity) {
    FaceAnalyzerParams params;
    params.queue_capacity = queue_capacity;
    FaceAnalyzer analyzer(std::make_unique<WhiteBoxDetector>(nullptr, seed), params);
    return feed(analyzer, pictures).samples;
  };
  const auto first = run(1, 1), second = run(7, 64);
  REQUIRE(first.size() == second.size());
  REQUIRE(first.size() > 8);
  for (size_t i = 0; i < first.size(); ++i) {
    CAPTURE(i);
    CHECK(first[i].frame == second[i].frame);
    CHECK(first[i].largest_face == second[i].largest_face);
    REQUIRE(first[i].faces.size() == 1);
    REQUIRE(second[i].faces.size() == 1);
    CHECK(first[i].faces[0].box == second[i].faces[0].box);
  }
}

TEST_CASE("face analyzer: thumbnails are never larger than the picture") {
  // A picture 4 pixels wide: a thumbnail 192 wide would be 28800 rows (16 MB) a thumbnail.
  FaceAnalyzer analyzer(std::make_unique<WhiteBoxDetector>());
  herlens::media::VideoFrame frame;
  frame.picture = frame.detail = cv::Mat(600, 4, CV_8UC3, cv::Scalar::all(128));
  REQUIRE(analyzer.detail_width(0, 0) > 4);
  analyzer.on_video(frame);
  analyzer.finish();
  const FaceObservations seen = analyzer.take_result();
  REQUIRE(seen.thumbnails.size() == 1);
  CHECK(seen.thumbnails[0].image.size() == cv::Size(4, 600));
}

TEST_CASE("face analyzer: a detector error reaches the caller") {
  struct Failing final : herlens::models::FaceDetector {
    std::vector<Face> detect(const cv::Mat&) override { throw herlens::Error(herlens::ErrorKind::model, "broken"); }
    std::vector<std::filesystem::path> model_files() const override { return {}; }
  };
  FaceAnalyzer analyzer(std::make_unique<Failing>());
  CHECK_THROWS_AS(feed(analyzer, plain(128, 60)), herlens::Error);
}

TEST_CASE("face analyzer: an audio-only input gives no sample and no error") {
  const herlens::pipeline::PassOptions options{.progress = false};
  const auto source = herlens::pipeline::open_for_pass(herlens::test::media("audio_only.m4a"), options);
  FaceAnalyzer analyzer(std::make_unique<WhiteBoxDetector>());
  herlens::pipeline::Analyzer* pass[] = {&analyzer};
  CHECK_NOTHROW(herlens::pipeline::run_pass(*source, pass, options));
  const FaceObservations seen = analyzer.take_result();
  CHECK(seen.samples.empty());
  CHECK(seen.thumbnails.empty());
}

TEST_CASE("face analyzer: parameters are validated") {
  const auto rejects = [](auto change) {
    FaceAnalyzerParams params;
    change(params);
    try {
      FaceAnalyzer analyzer(std::make_unique<WhiteBoxDetector>(), params);
    } catch (const herlens::Error& error) {
      return error.kind() == herlens::ErrorKind::usage;
    }
    return false;
  };
  CHECK(rejects([](FaceAnalyzerParams& p) { p.dense_interval = 0.01; }));
  CHECK(rejects([](FaceAnalyzerParams& p) { p.sparse_interval = 0.2; }));  // below dense_interval
  CHECK(rejects([](FaceAnalyzerParams& p) { p.detail_width = 100; }));
  CHECK(rejects([](FaceAnalyzerParams& p) { p.queue_capacity = 0; }));
  CHECK_FALSE(rejects([](FaceAnalyzerParams& p) { p.sparse_interval = 2; }));
  CHECK_THROWS_AS(FaceAnalyzer(nullptr), herlens::Error);
}

namespace {

// The astronaut portrait (its face at 165, 55, 120 x 120 of the 512 photograph) on a grey
// picture of detail_size, at `at`; with `mouth_open`, a dark gap drawn between its lips (they meet
// at y 148 between x 200 and 250 of the photograph), as a mouth opened in speech.
const cv::Point portrait_at{224, 14};
const cv::Rect2f portrait_face{165 + 224, 55 + 14, 120, 120};

cv::Mat portrait(bool mouth_open, int background = 128) {
  static const cv::Mat photo = cv::imread(herlens::test::source_file("tests/data/faces/astronaut.jpg").string());
  REQUIRE(!photo.empty());
  cv::Mat picture(detail_size, CV_8UC3, cv::Scalar::all(background));
  photo.copyTo(picture(cv::Rect(portrait_at, photo.size())));
  if (mouth_open)
    cv::ellipse(picture, portrait_at + cv::Point(225, 150), cv::Size(22, 8), 0, 0, 360, cv::Scalar(35, 25, 80), cv::FILLED);
  return picture;
}

// A detector that finds the portrait's face on its first `finds` calls and nothing after (a head
// turned away, as the detector sees it).
class LosingDetector final : public herlens::models::FaceDetector {
 public:
  explicit LosingDetector(int finds) : finds_(finds) {}
  std::vector<std::filesystem::path> model_files() const override { return {}; }
  std::vector<Face> detect(const cv::Mat&) override {
    if (finds_-- <= 0) return {};
    return {Face{portrait_face, 0.9f}};
  }

 private:
  int finds_;
};

// A face analyzer measuring mouths with FaceMesh, speech heard through the first 10 s.
struct WithMouths {
  herlens::analyzers::SpeechGate gate{1.0};
  FaceAnalyzer analyzer;
  explicit WithMouths(int finds)
      : analyzer(std::make_unique<LosingDetector>(finds), {}, {}, nullptr, std::make_unique<herlens::models::FaceMesh>(),
                 &gate) {
    gate.heard(0, 10, true);
  }
};

}  // namespace

TEST_CASE("face analyzer: a face the detector loses within a picture is carried by FaceMesh, not over a cut") {
  // 2 s of the still portrait; the detector finds it only at the first sample.
  WithMouths still(1);
  const FaceObservations seen = feed(still.analyzer, std::vector<cv::Mat>(40, portrait(false)));
  REQUIRE(seen.samples.size() >= 3);
  CHECK(seen.samples[0].faces.size() == 1);
  CHECK(seen.samples[0].carried_faces == 0);
  for (size_t i = 1; i < seen.samples.size(); ++i) {
    CAPTURE(i);
    CHECK(seen.samples[i].faces.empty());  // framing's faces stay the detector's
    CHECK(seen.samples[i].carried_faces == 1);
    CHECK(seen.samples[i].mouths_checked);
    REQUIRE(seen.samples[i].mouths.size() == 1);
    CHECK(seen.samples[i].mouths[0].size() >= 3);
  }
  // The same boxes over a grey picture: FaceMesh is not sure of a face there, nothing is carried.
  WithMouths grey(1);
  const FaceObservations empty = feed(grey.analyzer, plain(128, 40));
  for (size_t i = 1; i < empty.samples.size(); ++i) {
    CHECK(empty.samples[i].carried_faces == 0);
    CHECK_FALSE(empty.samples[i].mouths_checked);
  }
  // A cut (the background changes from grey to white) between: the face after it is not carried,
  // though FaceMesh would find it in the same box.
  WithMouths cut(1);
  std::vector<cv::Mat> pictures(20, portrait(false));
  for (int i = 0; i < 20; ++i) pictures.push_back(portrait(false, 250));
  const FaceObservations after_cut = feed(cut.analyzer, pictures);
  REQUIRE(after_cut.samples.size() >= 3);
  for (const FaceObservation& sample : after_cut.samples) {
    CAPTURE(sample.time);
    // The cut is at 1.0 s: the sample on it and the one just after it (triggered by it) start a picture.
    if (sample.time > 0.99) CHECK(sample.carried_faces == 0);
    CHECK(sample.new_picture == (sample.time == 0 || (sample.time > 0.99 && sample.time < 1.06)));
  }
}

TEST_CASE("face analyzer: a face found speaking is not measured again in its burst") {
  // 0.5 s: one sample, whose burst takes the first frames at or after 0, 0.08, 0.16, 0.24 and 0.32 s
  // at 20 fps: frames 0, 2, 4, 5 and 7.
  const auto runs = [](bool moving) {
    WithMouths face(100);
    std::vector<cv::Mat> pictures;
    // Moving: the mouth shut on frames 0-1, open on 2-3, shut on 4-5, open on 6-7: the burst sees
    // shut, open, shut (decided there), shut, open.
    for (int i = 0; i < 10; ++i) pictures.push_back(portrait(moving && (i / 2) % 2 == 1));
    const FaceObservations seen = feed(face.analyzer, pictures);
    REQUIRE(seen.samples.size() == 1);
    REQUIRE(seen.samples[0].mouths.size() == 1);
    CHECK(seen.samples[0].burst_end == doctest::Approx(0.35));
    const auto& openings = seen.samples[0].mouths[0];
    CHECK(herlens::metrics::speaking(openings, {}) == moving);
    CHECK(seen.mouth_measurements == int64_t(openings.size()));
    // Only a listener keeps a listener's picture.
    CHECK(seen.listener_thumbnails.size() == (moving ? 0u : 1u));
    return seen.mouth_measurements;
  };
  // Shut, open, shut already spread: two runs saved; the still face is measured on all five.
  CHECK(runs(true) == 3);
  CHECK(runs(false) == 5);
}

namespace {

// Counts the pictures it is given, from the worker thread.
class CountingDetector final : public herlens::models::FaceDetector {
 public:
  explicit CountingDetector(std::atomic<int>& calls) : calls_(calls) {}
  std::vector<std::filesystem::path> model_files() const override { return {}; }
  std::vector<Face> detect(const cv::Mat&) override {
    ++calls_;
    return {};
  }

 private:
  std::atomic<int>& calls_;
};

// A face analyzer measuring mouths whose detector counts its calls, its gate told nothing yet.
struct Counted {
  std::atomic<int> calls{0};
  herlens::analyzers::SpeechGate gate{1.0};
  FaceAnalyzer analyzer;
  Counted()
      : analyzer(std::make_unique<CountingDetector>(calls), {}, {}, nullptr, std::make_unique<herlens::models::FaceMesh>(),
                 &gate) {}
};

// Whether the detector is given a picture within a few seconds.
bool reaches_detector(const std::atomic<int>& calls) {
  for (int i = 0; i < 500 && calls.load() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return calls.load() > 0;
}

}  // namespace

TEST_CASE("face analyzer: a sample waits for its sound only until speech near it is heard") {
  const cv::Mat grey(detail_size, CV_8UC3, cv::Scalar::all(128));
  // Speech heard just before the first sample: its fate is known, it goes to the detector at once,
  // without waiting for the second of sound after it.
  Counted near;
  near.gate.heard(0, 0.05, true);
  feed_frame(near.analyzer, grey, 0);
  CHECK(reaches_detector(near.calls));
  near.analyzer.finish();

  // Silence so far: speech may still come within its reach, so it waits until that sound is heard.
  Counted quiet;
  quiet.gate.heard(0, 0.05, false);
  feed_frame(quiet.analyzer, grey, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(quiet.calls.load() == 0);
  // The burst's next picture (0.1 s) comes after the sound to 1.05 s has been heard.
  quiet.gate.heard(0.05, 1.05, false);
  feed_frame(quiet.analyzer, grey, 1);
  feed_frame(quiet.analyzer, grey, 2);
  CHECK(reaches_detector(quiet.calls));
  quiet.analyzer.finish();
}
