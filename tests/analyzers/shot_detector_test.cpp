// The shot detector and the decision after it (metrics::decide_shots) on synthetic frame sequences
// whose boundaries are known exactly.
#include <doctest/doctest.h>

#include <opencv2/imgproc.hpp>

#include "herlens/analyzers/shot_detector.hpp"
#include "herlens/error.hpp"
#include "herlens/metrics/shot_boundaries.hpp"

using herlens::analyzers::ShotDetector;
using herlens::metrics::ShotBoundaryParams;
using herlens::metrics::ShotDetection;
using herlens::metrics::TransitionKind;
using herlens::metrics::ShotEnd;
using herlens::metrics::ShotStart;

namespace {

constexpr int width = 320, height = 180;

// A scene wider than the frame: soft random blocks (about a sixth of the frame wide, as large
// shapes in a film are), different for every seed.
cv::Mat scene(int seed) {
  cv::Mat blocks(6, 24, CV_8UC3);
  cv::RNG rng(seed);
  rng.fill(blocks, cv::RNG::UNIFORM, 0, 256);
  cv::Mat big;
  cv::resize(blocks, big, {width * 4, height}, 0, 0, cv::INTER_LINEAR);
  return big;
}

// The scene's view after panning `x` pixels.
cv::Mat view(const cv::Mat& scene, int x) { return scene(cv::Rect(x, 0, width, height)).clone(); }

cv::Mat blend(const cv::Mat& a, const cv::Mat& b, double alpha) {
  cv::Mat out;
  cv::addWeighted(a, 1 - alpha, b, alpha, 0, out);
  return out;
}

// Feeds the pictures at 25 fps (or at the given times) and returns the detector's scores.
herlens::metrics::ShotScores scores_of(const std::vector<cv::Mat>& pictures, const std::vector<double>& times = {},
                                       const ShotBoundaryParams& params = {}) {
  ShotDetector detector(params);
  herlens::media::VideoFrame frame;
  for (size_t i = 0; i < pictures.size(); ++i) {
    frame.index = static_cast<int64_t>(i);
    frame.time = times.empty() ? i / 25.0 : times[i];
    frame.duration = 0.04;
    frame.picture = pictures[i];
    detector.on_video(frame);
  }
  detector.finish();
  return detector.take_result();
}

// The same, decided.
ShotDetection detect(const std::vector<cv::Mat>& pictures, const std::vector<double>& times = {},
                     const ShotBoundaryParams& params = {}) {
  return herlens::metrics::decide_shots(scores_of(pictures, times, params), params);
}

// A shot of `count` frames of `scene` panning slowly, as cameras do.
void add_shot(std::vector<cv::Mat>& pictures, const cv::Mat& scene, int count, int speed = 1) {
  for (int k = 0; k < count; ++k) pictures.push_back(view(scene, k * speed));
}

}  // namespace

TEST_CASE("shot detector: hard cuts land on their exact frame") {
  std::vector<cv::Mat> pictures;
  add_shot(pictures, scene(1), 40);
  add_shot(pictures, scene(2), 7);  // a short shot, still found
  add_shot(pictures, scene(3), 40);
  const ShotDetection result = detect(pictures);
  REQUIRE(result.shots.size() == 3);
  CHECK(result.shots[0].begins == ShotStart::start);
  CHECK(result.shots[1].start_frame == 40);
  CHECK(result.shots[1].begins == ShotStart::cut);
  CHECK(result.shots[2].start_frame == 47);
  CHECK(result.shots[2].start_time == doctest::Approx(47 / 25.0));
  CHECK(result.shots[2].end_frame == 87);
  CHECK(result.shots[2].end_time == doctest::Approx(87 * 0.04));
  CHECK(result.shots[0].ends == ShotEnd::cut);
  CHECK(result.shots[2].ends == ShotEnd::end);
}

TEST_CASE("shot detector: a dissolve is one gradual boundary in its middle") {
  const cv::Mat a = scene(4), b = scene(5);
  std::vector<cv::Mat> pictures;
  add_shot(pictures, a, 40);
  for (int k = 1; k <= 20; ++k) pictures.push_back(blend(view(a, 40 + k), view(b, k), k / 21.0));
  for (int k = 21; k < 61; ++k) pictures.push_back(view(b, k));
  const ShotDetection result = detect(pictures);
  REQUIRE(result.shots.size() == 2);
  CHECK(result.shots[1].begins == ShotStart::dissolve);
  CHECK(result.shots[0].ends == ShotEnd::dissolve);
  CHECK(result.shots[1].start_frame >= 47);
  CHECK(result.shots[1].start_frame <= 53);
  REQUIRE(result.transitions.size() == 1);
  CHECK(result.transitions[0].kind == TransitionKind::dissolve);
  CHECK(result.transitions[0].start_frame < 60);  // overlaps the mixed frames 40..59
  CHECK(result.transitions[0].end_frame > 40);
}

TEST_CASE("shot detector: fade out to black and in again") {
  const cv::Mat a = scene(6), b = scene(7);
  const cv::Mat black = cv::Mat::zeros(height, width, CV_8UC3);
  std::vector<cv::Mat> pictures;
  add_shot(pictures, a, 40);
  for (int k = 1; k <= 15; ++k) pictures.push_back(blend(view(a, 40 + k), black, k / 15.0));
  for (int k = 0; k < 10; ++k) pictures.push_back(black);
  for (int k = 1; k <= 15; ++k) pictures.push_back(blend(black, view(b, k), k / 16.0));
  for (int k = 16; k < 56; ++k) pictures.push_back(view(b, k));
  const ShotDetection result = detect(pictures);
  REQUIRE(result.shots.size() == 3);  // the black between them is a stretch of its own
  CHECK(result.shots[0].ends == ShotEnd::fade_out);
  CHECK(result.shots[1].blank);
  CHECK(result.shots[1].begins == ShotStart::fade_out);
  CHECK(result.shots[1].ends == ShotEnd::fade_in);
  CHECK(result.shots[1].start_frame >= 53);  // the fade out is black from frame 54
  CHECK(result.shots[1].start_frame <= 55);
  CHECK_FALSE(result.shots[2].blank);
  CHECK(result.shots[2].begins == ShotStart::fade_in);
  CHECK(result.shots[2].start_frame >= 64);  // the fade in starts at frame 65
  CHECK(result.shots[2].start_frame <= 67);
}

TEST_CASE("shot detector: the decision is the same when the scores are read back from the file") {
  // A cut, a dissolve and a fade through black; the scores copied into 9-record blocks, so every
  // window the decision reads crosses blocks that leave the cache.
  const cv::Mat a = scene(30), b = scene(31), c = scene(32);
  const cv::Mat black = cv::Mat::zeros(height, width, CV_8UC3);
  std::vector<cv::Mat> pictures;
  add_shot(pictures, a, 40);
  add_shot(pictures, b, 30);
  for (int k = 1; k <= 20; ++k) pictures.push_back(blend(view(b, 30 + k), view(c, k), k / 21.0));
  for (int k = 21; k < 61; ++k) pictures.push_back(view(c, k));
  for (int k = 1; k <= 15; ++k) pictures.push_back(blend(view(c, 60 + k), black, k / 15.0));
  for (int k = 0; k < 12; ++k) pictures.push_back(black);
  add_shot(pictures, a, 30);
  const herlens::metrics::ShotScores in_memory = scores_of(pictures);
  herlens::metrics::ShotScores spilled(9);
  for (const herlens::metrics::ShotFrameScores& scores : in_memory) spilled.push_back(scores);
  const ShotDetection expected = herlens::metrics::decide_shots(in_memory, {});
  const ShotDetection read_back = herlens::metrics::decide_shots(spilled, {});
  REQUIRE(expected.shots.size() == 5);  // a, b, c, black, a
  REQUIRE(read_back.shots.size() == expected.shots.size());
  for (size_t i = 0; i < expected.shots.size(); ++i) {
    CHECK(read_back.shots[i].start_frame == expected.shots[i].start_frame);
    CHECK(read_back.shots[i].begins == expected.shots[i].begins);
  }
  REQUIRE(read_back.transitions.size() == expected.transitions.size());
  for (size_t i = 0; i < expected.transitions.size(); ++i) {
    CHECK(read_back.transitions[i].kind == expected.transitions[i].kind);
    CHECK(read_back.transitions[i].start_frame == expected.transitions[i].start_frame);
    CHECK(read_back.transitions[i].end_frame == expected.transitions[i].end_frame);
    CHECK(read_back.transitions[i].confidence == expected.transitions[i].confidence);
  }
  REQUIRE(read_back.decisions.size() == expected.decisions.size());
  for (size_t i = 0; i < expected.decisions.size(); ++i) {
    CHECK(read_back.decisions[i].cut_score == expected.decisions[i].cut_score);
    CHECK(read_back.decisions[i].cut_ratio == expected.decisions[i].cut_ratio);
  }
}

TEST_CASE("shot detector: short fades through black are fades, not cuts") {
  const cv::Mat a = scene(15), b = scene(16);
  const cv::Mat black = cv::Mat::zeros(height, width, CV_8UC3);
  std::vector<cv::Mat> pictures;
  add_shot(pictures, a, 40);
  SUBCASE("six frames out, one black, six in") {
    for (int k = 1; k <= 5; ++k) pictures.push_back(blend(view(a, 40 + k), black, k / 6.0));
    pictures.push_back(black);
    for (int k = 1; k <= 5; ++k) pictures.push_back(blend(black, view(b, k), k / 6.0));
  }
  SUBCASE("a white flash on the frame before the fade out") {
    pictures.push_back(cv::Mat(height, width, CV_8UC3, cv::Scalar::all(255)));
    for (int k = 1; k <= 3; ++k) pictures.push_back(blend(view(a, 41 + k), black, k / 4.0));
    for (int k = 0; k < 3; ++k) pictures.push_back(black);
    for (int k = 1; k <= 8; ++k) pictures.push_back(blend(black, view(b, k), k / 9.0));
  }
  SUBCASE("gone in one frame, back in eight (xfade's fadeblack)") {
    pictures.push_back(blend(view(a, 41), black, 0.5));
    pictures.push_back(black);
    pictures.push_back(black);
    for (int k = 1; k <= 8; ++k) pictures.push_back(blend(black, view(b, k), k / 9.0));
  }
  add_shot(pictures, b, 40);
  const ShotDetection result = detect(pictures);
  REQUIRE(result.shots.size() == 2);
  CHECK(result.shots[0].ends == ShotEnd::fade_out);
  CHECK(result.shots[1].begins == ShotStart::fade_in);
  for (const auto& t : result.transitions) CHECK(t.kind != TransitionKind::cut);
}

TEST_CASE("shot detector: cuts to and from black land on their exact frames, the black between is its own stretch") {
  const cv::Mat black = cv::Mat::zeros(height, width, CV_8UC3);
  const cv::Mat white(height, width, CV_8UC3, cv::Scalar::all(255));
  for (const bool between_shots : {true, false})
    for (const cv::Mat& blank : {black, white}) {
      CAPTURE(between_shots);
      CAPTURE(blank.at<cv::Vec3b>(0, 0)[0]);
      std::vector<cv::Mat> pictures;
      if (between_shots) {  // shot, blank, shot
        add_shot(pictures, scene(17), 40);
        pictures.insert(pictures.end(), 10, blank);
        add_shot(pictures, scene(18), 40);
      } else {  // a title card between black
        pictures.assign(40, blank);
        add_shot(pictures, scene(18), 10, 0);
        pictures.insert(pictures.end(), 40, blank);
      }
      const ShotDetection result = detect(pictures);
      REQUIRE(result.shots.size() == 3);
      CHECK(result.shots[0].end_frame == 40);
      CHECK(result.shots[1].start_frame == 40);
      CHECK(result.shots[1].begins == ShotStart::cut);
      CHECK(result.shots[2].start_frame == 50);
      CHECK(result.shots[2].begins == ShotStart::cut);
      CHECK(result.shots[0].blank == !between_shots);
      CHECK(result.shots[1].blank == between_shots);
      CHECK(result.shots[2].blank == !between_shots);
      for (const auto& t : result.transitions) {
        CHECK(t.kind == TransitionKind::cut);
        CHECK(t.confidence > 0.5f);
      }
    }
}

TEST_CASE("shot detector: a film that opens on black has a blank stretch, then the shot fading in") {
  const cv::Mat black = cv::Mat::zeros(height, width, CV_8UC3);
  const cv::Mat a = scene(8);
  std::vector<cv::Mat> pictures(12, black);
  for (int k = 1; k <= 15; ++k) pictures.push_back(blend(black, view(a, k), k / 16.0));
  add_shot(pictures, a, 40);
  const ShotDetection result = detect(pictures);
  REQUIRE(result.shots.size() == 2);
  CHECK(result.shots[0].blank);
  CHECK(result.shots[1].begins == ShotStart::fade_in);
  CHECK(result.shots[1].start_frame == 12);
}

TEST_CASE("shot detector: black too brief to be a stretch belongs to the shot beside it") {
  const cv::Mat black = cv::Mat::zeros(height, width, CV_8UC3);
  std::vector<cv::Mat> pictures(2, black);  // a lead-in of two black frames, as many files have
  add_shot(pictures, scene(19), 40);
  pictures.insert(pictures.end(), 3, black);  // 0.12 s: shorter than the minimum shot
  add_shot(pictures, scene(20), 40);
  const ShotDetection result = detect(pictures);
  REQUIRE(result.shots.size() == 2);
  CHECK(result.shots[0].start_frame == 0);
  CHECK_FALSE(result.shots[0].blank);
  CHECK_FALSE(result.shots[1].blank);
  CHECK(result.shots[1].start_frame >= 42);
  CHECK(result.shots[1].start_frame <= 45);
}

TEST_CASE("shot detector: flashes, whip pans, lighting changes and grain are no cuts") {
  const cv::Mat a = scene(9);
  std::vector<cv::Mat> pictures;
  SUBCASE("one white frame and a two-frame flash") {
    add_shot(pictures, a, 60);
    pictures[20] = cv::Mat(height, width, CV_8UC3, cv::Scalar::all(255));
    pictures[40] = pictures[40] * 1.8 + cv::Scalar::all(60);
    pictures[41] = pictures[41] * 1.8 + cv::Scalar::all(60);
  }
  SUBCASE("a whip pan starting suddenly") {
    add_shot(pictures, a, 30, 1);
    for (int k = 0; k < 25; ++k) pictures.push_back(view(a, 30 + 24 * k));
  }
  SUBCASE("light slowly falling to half") {
    for (int k = 0; k < 100; ++k) pictures.push_back(view(a, k) * (1 - 0.5 * k / 100.0));
  }
  SUBCASE("a static near-black scene with grain") {
    cv::RNG rng(3);
    for (int k = 0; k < 80; ++k) {
      cv::Mat noisy(height, width, CV_8UC3);
      rng.fill(noisy, cv::RNG::NORMAL, 12, 6);
      pictures.push_back(noisy);
    }
  }
  SUBCASE("a figure walking across") {
    for (int k = 0; k < 60; ++k) {
      cv::Mat picture = view(a, 0);
      cv::rectangle(picture, cv::Rect(k * 6 - 60, 40, 60, 120), cv::Scalar(40, 90, 200), cv::FILLED);
      pictures.push_back(picture);
    }
  }
  const ShotDetection result = detect(pictures);
  CHECK(result.shots.size() == 1);
  CHECK(result.transitions.empty());
}

TEST_CASE("shot detector: whip pans and a figure crossing a panning shot are no transitions") {
  const cv::Mat a = scene(20);
  std::vector<cv::Mat> pictures;
  // A still view, a sudden pan of `frames` frames at `speed` pixels a frame, and the new still view.
  const auto whip_pan = [&](int speed, int frames) {
    for (int k = 0; k < 70; ++k) pictures.push_back(view(a, speed * std::clamp(k - 20, 0, frames)));
  };
  SUBCASE("12 frames at 8 px: briefly near-linear, as a dissolve") { whip_pan(8, 12); }
  SUBCASE("8 frames at 40 px: a jolt, as a cut") { whip_pan(40, 8); }
  SUBCASE("a crash zoom: 4% a frame for 15 frames") {
    const cv::Mat still = view(a, 0);
    const cv::Point2f centre(width / 2.0f, height / 2.0f);
    for (int k = 0; k < 70; ++k) {
      cv::Mat zoomed;
      const double zoom = 1 + 0.04 * std::clamp(k - 20, 0, 15);
      cv::warpAffine(still, zoomed, cv::getRotationMatrix2D(centre, 0, zoom), still.size(), cv::INTER_LINEAR);
      pictures.push_back(zoomed);
    }
  }
  SUBCASE("a figure walking across a pan") {
    for (int k = 0; k < 80; ++k) {
      cv::Mat picture = view(a, 3 * k);
      cv::rectangle(picture, cv::Rect(k * 5 - 60, 40, 60, 120), cv::Scalar(40, 90, 200), cv::FILLED);
      pictures.push_back(picture);
    }
  }
  const ShotDetection result = detect(pictures);
  CHECK(result.shots.size() == 1);
  CHECK(result.transitions.empty());
}

TEST_CASE("shot detector: change in part of the picture over a still rest is no dissolve") {
  // A talking close-up: the face (half the picture) turns, moves or changes its light while the
  // room around it stays; and the same with the face blending from one look to another, which
  // is a blend pixel by pixel but only of that part.
  const cv::Mat room = view(scene(21), 0), face = scene(22), other_face = scene(23);
  const cv::Rect part(width / 4, height / 10, width / 2, height * 9 / 10);
  const auto with_part = [&](const cv::Mat& inside) {
    cv::Mat picture = room.clone();
    inside(cv::Rect(0, 0, part.width, part.height)).copyTo(picture(part));
    return picture;
  };
  std::vector<cv::Mat> pictures;
  for (int k = 0; k < 40; ++k) pictures.push_back(with_part(view(face, 0)));
  SUBCASE("the part blends to another picture over 12 frames") {
    for (int k = 1; k <= 12; ++k) pictures.push_back(with_part(blend(view(face, 0), view(other_face, 0), k / 13.0)));
    for (int k = 0; k < 40; ++k) pictures.push_back(with_part(view(other_face, 0)));
  }
  SUBCASE("the part turns: its picture slides 3 pixels a frame for 20 frames") {
    for (int k = 1; k <= 20; ++k) pictures.push_back(with_part(view(face, 3 * k)));
    for (int k = 0; k < 40; ++k) pictures.push_back(with_part(view(face, 60)));
  }
  const ShotDetection result = detect(pictures);
  CHECK(result.shots.size() == 1);
  CHECK(result.transitions.empty());
}

TEST_CASE("shot detector: colours cycling steadily over the whole frame are no dissolves") {
  // A smooth field whose hues turn around the colour wheel, as FFmpeg's gradients source does.
  std::vector<cv::Mat> pictures;
  for (int k = 0; k < 200; ++k) {
    cv::Mat hsv(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
      for (int x = 0; x < width; ++x)
        hsv.at<cv::Vec3b>(y, x) = {static_cast<uint8_t>((k + x * 60 / width + y * 30 / height) % 180), 200, 220};
    cv::Mat bgr;
    cv::cvtColor(hsv, bgr, cv::COLOR_HSV2BGR);
    pictures.push_back(bgr);
  }
  const ShotDetection result = detect(pictures);
  CHECK(result.shots.size() == 1);
  CHECK(result.transitions.empty());
}

TEST_CASE("shot detector: a pan is measured as a shift and undone") {
  std::vector<cv::Mat> pictures;
  add_shot(pictures, scene(19), 10, 20);  // 20 px a frame: 4 thumbnail pixels
  ShotDetector detector;
  herlens::media::VideoFrame frame;
  for (size_t i = 0; i < pictures.size(); ++i) {
    frame.index = static_cast<int64_t>(i);
    frame.time = i / 25.0;
    frame.picture = pictures[i];
    detector.on_video(frame);
  }
  const auto all_scores = detector.take_result();
  for (size_t i = 1; i < pictures.size(); ++i) {
    const auto& scores = all_scores[i];
    CHECK(scores.shift == doctest::Approx(4).epsilon(0.1));
    CHECK(scores.compensated < 0.3 * scores.content);
  }
}

TEST_CASE("shot detector: pictures too thin for a motion estimate get none, and their cuts are found") {
  // 320x4 and 4x320 pictures: thumbnails one pixel tall or wide.
  for (const cv::Rect strip : {cv::Rect(0, 80, width, 4), cv::Rect(100, 0, 4, height)}) {
    CAPTURE(strip);
    std::vector<cv::Mat> pictures;
    for (const int seed : {20, 21})
      for (int k = 0; k < 30; ++k) {
        cv::Mat full;
        cv::resize(view(scene(seed), k), full, {width, height * 2}, 0, 0, cv::INTER_LINEAR);
        pictures.push_back(full(strip).clone());
      }
    ShotDetector detector;
    herlens::media::VideoFrame frame;
    for (size_t i = 0; i < pictures.size(); ++i) {
      frame.index = static_cast<int64_t>(i);
      frame.time = i / 25.0;
      frame.picture = pictures[i];
      detector.on_video(frame);
    }
    const auto all_scores = detector.take_result();
    for (const auto& scores : all_scores) CHECK(scores.shift == 0);
    const ShotDetection result = herlens::metrics::decide_shots(all_scores, {});
    REQUIRE(result.shots.size() == 2);
    CHECK(result.shots[1].start_frame == 30);
  }
}

TEST_CASE("shot detector: variable frame rate times come from the frames") {
  std::vector<cv::Mat> pictures;
  add_shot(pictures, scene(10), 30);
  add_shot(pictures, scene(11), 30);
  std::vector<double> times;
  for (int i = 0; i < 60; ++i) times.push_back(i < 30 ? 0.04 * i : 1.2 + 0.1 * (i - 30));
  const ShotDetection result = detect(pictures, times);
  REQUIRE(result.shots.size() == 2);
  CHECK(result.shots[1].start_time == doctest::Approx(1.2));
  CHECK(result.shots[0].duration() == doctest::Approx(1.2));
}

TEST_CASE("shot detector: the minimum shot length keeps the stronger of two close cuts") {
  std::vector<cv::Mat> pictures;
  add_shot(pictures, scene(12), 40);
  add_shot(pictures, scene(13), 3);
  add_shot(pictures, scene(14), 40);
  ShotBoundaryParams params;
  params.min_shot_seconds = 0.5;
  CHECK(detect(pictures, {}, params).shots.size() == 2);
  params.min_shot_seconds = 0;
  CHECK(detect(pictures, {}, params).shots.size() == 3);
}

TEST_CASE("shot detector: parameters out of range are usage errors naming the value") {
  ShotBoundaryParams params;
  params.threshold = 0.5;
  CHECK_THROWS_WITH_AS(params.validate(), doctest::Contains("threshold must be 1.5..20, not 0.5"), herlens::Error);
  params = {};
  params.min_shot_seconds = -1;
  CHECK_THROWS_AS(ShotDetector{params}, herlens::Error);
  CHECK(detect({}).shots.empty());
}
