#include <cmath>

#include <doctest/doctest.h>

#include <opencv2/imgproc.hpp>

#include "herlens/analyzers/colour_analyzer.hpp"
#include "herlens/error.hpp"

using namespace herlens::analyzers;
using herlens::metrics::Family;
using herlens::metrics::Shot;

namespace {

constexpr double frame_seconds = 0.04;

// Feeds `count` copies of `picture` as the next frames.
void feed(ColourAnalyzer& analyzer, const cv::Mat& picture, int count) {
  for (int i = 0; i < count; ++i) {
    herlens::media::VideoFrame frame;
    frame.index = int64_t(analyzer.frames().size());
    frame.time = double(frame.index) * frame_seconds;
    frame.duration = frame_seconds;
    frame.picture = picture;
    analyzer.on_video(frame);
  }
}

Shot shot(int64_t first, int64_t end) { return {first, end, double(first) * frame_seconds, double(end) * frame_seconds}; }

const cv::Scalar grey(128, 128, 128), blue(255, 0, 0), orange(0, 140, 255);  // BGR

double share(const ColourSummary& s, Family f) { return s.families[size_t(f)].pixel; }

}  // namespace

TEST_CASE("colour analyzer: exactly 20% blue pixels give blue share 0.2") {
  cv::Mat picture(180, 320, CV_8UC3, grey);
  picture(cv::Rect(0, 0, 64, 180)).setTo(blue);
  ColourAnalyzer analyzer;
  feed(analyzer, picture, 5);
  const ColourSummary s = summarise(analyzer, {});
  CHECK(share(s, Family::blue) == doctest::Approx(0.2));
  CHECK(share(s, Family::grey) == doctest::Approx(0.8));
  CHECK(s.families[size_t(Family::blue)].chromatic == doctest::Approx(1.0));
  CHECK(s.cool_share == doctest::Approx(0.2));
  CHECK(s.warm_share == doctest::Approx(0));
  CHECK(s.families[size_t(Family::blue)].shot == doctest::Approx(1));
  REQUIRE(s.palette.size() == 2);
  CHECK(s.palette[0].share == doctest::Approx(0.8).epsilon(0.1));  // estimated from samples
  CHECK(herlens::metrics::hex(s.palette[1].rgb) == "#0000ff");
  // Means use the centre of each pixel's 8x8x8 colour cell: within two units.
  CHECK(std::abs(s.mean_lightness - (0.8 * 53.59 + 0.2 * 32.30)) < 2);
}

TEST_CASE("colour analyzer: four frames together examine every pixel, whatever the detail") {
  // Blue on every fourth pixel of a row, in a pattern that no quarter of the pixels sees evenly.
  cv::Mat picture(180, 320, CV_8UC3, orange);
  for (int y = 0; y < picture.rows; ++y)
    for (int x = (3 * y) % 4; x < picture.cols; x += 4) picture.at<cv::Vec3b>(y, x) = {255, 0, 0};
  ColourAnalyzer analyzer;
  feed(analyzer, picture, 4);
  const ColourSummary s = summarise(analyzer, {});
  CHECK(s.total.pixels == 320 * 180);
  CHECK(share(s, Family::blue) == doctest::Approx(0.25));
  CHECK(share(s, Family::orange_brown) == doctest::Approx(0.75));
  CHECK(analyzer.frames()[0].all.share(Family::blue) != doctest::Approx(0.25));
  // Pictures too small for that are examined whole, one frame at a time.
  ColourAnalyzer small;
  feed(small, picture(cv::Rect(0, 0, 24, 24)), 1);
  CHECK(small.frames()[0].all.pixels == 24 * 24);
  CHECK(small.frames()[0].all.share(Family::blue) == doctest::Approx(0.25));
}

TEST_CASE("colour analyzer: letterbox bars through the stream are not counted as black") {
  // 2.39:1 picture in a 16:9 frame: 134 rows of picture, 23 black rows above and below.
  cv::Mat picture(180, 320, CV_8UC3, cv::Scalar(0, 0, 0));
  picture(cv::Rect(0, 23, 320, 134)).setTo(orange);
  cv::Mat darker = picture.clone();
  darker(cv::Rect(0, 23, 320, 134)).setTo(grey);
  ColourAnalyzer analyzer;
  feed(analyzer, picture, 10);
  feed(analyzer, darker, 10);
  feed(analyzer, cv::Mat(180, 320, CV_8UC3, cv::Scalar(0, 0, 0)), 5);  // a black frame between
  const ColourSummary s = summarise(analyzer, {shot(0, 10), shot(10, 20), shot(20, 25)});
  CHECK(s.areas.stream == Border{23, 23, 0, 0});
  CHECK(s.total.pixels == 25 * 320 * 134 / 4);  // a quarter of every frame's pixels are examined
  // Only the black frames' active area is black: 5 of 25 frames.
  CHECK(share(s, Family::black) == doctest::Approx(0.2));
  CHECK(share(s, Family::orange_brown) == doctest::Approx(0.4));
  CHECK(s.shots[0].tally.share(Family::black) == doctest::Approx(0));
}

TEST_CASE("colour analyzer: a dark scene is not cropped, centred shot bars are") {
  cv::Mat night(180, 320, CV_8UC3, cv::Scalar(0, 0, 0));
  night(cv::Rect(0, 120, 320, 60)).setTo(grey);  // dark sky above a lit street: one-sided
  cv::Mat pillarbox(180, 320, CV_8UC3, cv::Scalar(0, 0, 0));
  pillarbox(cv::Rect(40, 0, 240, 180)).setTo(grey);  // 4:3 inside 16:9
  ColourAnalyzer analyzer;
  feed(analyzer, night, 20);
  feed(analyzer, pillarbox, 20);
  feed(analyzer, cv::Mat(180, 320, CV_8UC3, grey), 20);
  const ColourSummary s = summarise(analyzer, {shot(0, 20), shot(20, 40), shot(40, 60)});
  CHECK(s.areas.stream == Border{});
  CHECK(s.shots[0].bars == Border{});
  CHECK(s.shots[0].tally.share(Family::black) == doctest::Approx(120.0 / 180));
  CHECK(s.shots[1].bars == Border{0, 0, 40, 40});
  CHECK(s.shots[1].tally.share(Family::black) == doctest::Approx(0));
  // A shot too short to trust its own bars keeps the stream's.
  ColourAnalyzer brief;
  feed(brief, pillarbox, 5);
  feed(brief, cv::Mat(180, 320, CV_8UC3, grey), 20);
  CHECK(summarise(brief, {shot(0, 5), shot(5, 25)}).shots[0].bars == Border{});
}

TEST_CASE("colour analyzer: evidence is the strongest frames, one per shot, with thumbnails") {
  ColourAnalyzer analyzer;
  const double blue_parts[] = {0.25, 0.5, 1.0, 0.75};  // four shots of 3 s, bluer or less
  std::vector<Shot> shots;
  for (double part : blue_parts) {
    cv::Mat picture(180, 320, CV_8UC3, grey);
    picture(cv::Rect(0, 0, int(320 * part), 180)).setTo(blue);
    const int64_t first = int64_t(analyzer.frames().size());
    feed(analyzer, picture, 75);
    shots.push_back(shot(first, first + 75));
  }
  const ColourSummary s = summarise(analyzer, shots);
  std::vector<Evidence> blue_evidence;
  for (const Evidence& e : s.evidence)
    if (e.family == Family::blue) blue_evidence.push_back(e);
  REQUIRE(blue_evidence.size() == 3);
  CHECK(blue_evidence[0].shot == 2);
  CHECK(blue_evidence[1].shot == 3);
  CHECK(blue_evidence[2].shot == 1);
  CHECK(blue_evidence[0].rank == 1);
  CHECK(blue_evidence[0].share == doctest::Approx(1.0));
  CHECK(blue_evidence[0].thumbnail.cols == 160);
  CHECK(blue_evidence[0].thumbnail.rows == 90);
  CHECK(s.families[size_t(Family::blue)].shot == doctest::Approx(1.0));
  CHECK(s.families[size_t(Family::grey)].shot == doctest::Approx(0.75));
}

TEST_CASE("colour analyzer: parameters out of range are refused, naming the value") {
  ColourParams params;
  params.samples_per_frame = 0;
  CHECK_THROWS_WITH_AS(ColourAnalyzer{params}, doctest::Contains("samples_per_frame"), herlens::Error);
  params = {};
  params.palette.colours = 100;
  CHECK_THROWS_AS(ColourAnalyzer{params}, herlens::Error);
}

TEST_CASE("letterbox: one picture's dark border, and bars common to frames") {
  cv::Mat picture(180, 320, CV_8UC3, cv::Scalar(0, 0, 0));
  picture(cv::Rect(40, 23, 240, 134)).setTo(grey);
  picture.at<cv::Vec3b>(5, 100) = {255, 255, 255};  // a speck in the bar does not end it
  const Border border = measure_dark_border(picture, 0.98);
  CHECK(border == Border{23, 23, 40, 40});
  CHECK(border.inside(picture.size()) == cv::Rect(40, 23, 240, 134));
  CHECK(border.area(picture.size()) == 320 * 180 - 240 * 134);
  const Border dark_all_over = measure_dark_border(cv::Mat(180, 320, CV_8UC3, cv::Scalar(0, 0, 0)), 0.98);
  CHECK(dark_all_over.covers(picture.size()));
  const Border frames[] = {border, dark_all_over, {10, 30, 0, 50}};
  CHECK(common_bars(frames, picture.size()) == Border{10, 23, 0, 40});
}
