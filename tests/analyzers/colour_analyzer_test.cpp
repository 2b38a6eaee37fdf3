#include <cmath>

#include <doctest/doctest.h>

#include <opencv2/imgproc.hpp>

#include "herlens/analyzers/colour_analyzer.hpp"
#include "herlens/error.hpp"
#include "herlens/metrics/colour_summary.hpp"

using herlens::analyzers::ColourAnalyzer;
using namespace herlens::metrics;

namespace {

constexpr double frame_seconds = 0.04;

// A colour analyzer fed frame by frame, and what it saw joined with shots after the "pass".
class Film {
 public:
  explicit Film(const ColourParams& params = {}) : params_(params), analyzer_(params) {}

  // Feeds `count` copies of `picture` as the next frames, as their analysis picture and as their
  // pixel grid (which media/pixel_grid_test.cpp tests).
  void add(const cv::Mat& picture, int count) {
    for (int i = 0; i < count; ++i) {
      herlens::media::VideoFrame frame;
      frame.index = frames_++;
      frame.time = double(frame.index) * frame_seconds;
      frame.duration = frame_seconds;
      frame.picture = frame.pixels = picture;
      analyzer_.on_video(frame);
    }
  }
  int64_t frames() const { return frames_; }
  ColourObservations seen() { return analyzer_.take_result(); }
  ColourSummary summary(std::vector<Shot> shots) { return summarise_colour(seen(), std::move(shots), params_); }

 private:
  ColourParams params_;
  ColourAnalyzer analyzer_;
  int64_t frames_ = 0;
};

Shot shot(int64_t first, int64_t end) { return {first, end, double(first) * frame_seconds, double(end) * frame_seconds}; }

const cv::Scalar grey(128, 128, 128), blue(255, 0, 0), orange(0, 140, 255);  // BGR

double share(const ColourSummary& s, Family f) { return s.families[size_t(f)].pixel; }

}  // namespace

TEST_CASE("colour analyzer: exactly 20% blue pixels give blue share 0.2") {
  cv::Mat picture(180, 320, CV_8UC3, grey);
  picture(cv::Rect(0, 0, 64, 180)).setTo(blue);
  Film film;
  film.add(picture, 5);
  const ColourSummary s = film.summary({});
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

TEST_CASE("colour analyzer: letterbox bars through the stream are not counted as black") {
  // 2.39:1 picture in a 16:9 frame: 134 rows of picture, 23 black rows above and below.
  cv::Mat picture(180, 320, CV_8UC3, cv::Scalar(0, 0, 0));
  picture(cv::Rect(0, 23, 320, 134)).setTo(orange);
  cv::Mat darker = picture.clone();
  darker(cv::Rect(0, 23, 320, 134)).setTo(grey);
  Film film;
  film.add(picture, 10);
  film.add(darker, 10);
  film.add(cv::Mat(180, 320, CV_8UC3, cv::Scalar(0, 0, 0)), 5);  // a black frame between
  const ColourSummary s = film.summary({shot(0, 10), shot(10, 20), shot(20, 25)});
  CHECK(s.areas.stream == Border{23, 23, 0, 0});
  CHECK(s.total.pixels == 25 * 320 * 134);
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
  Film film;
  film.add(night, 20);
  film.add(pillarbox, 20);
  film.add(cv::Mat(180, 320, CV_8UC3, grey), 20);
  const ColourSummary s = film.summary({shot(0, 20), shot(20, 40), shot(40, 60)});
  CHECK(s.areas.stream == Border{});
  CHECK(s.shots[0].bars == Border{});
  CHECK(s.shots[0].tally.share(Family::black) == doctest::Approx(120.0 / 180));
  CHECK(s.shots[1].bars == Border{0, 0, 40, 40});
  CHECK(s.shots[1].tally.share(Family::black) == doctest::Approx(0));
  // A shot too short to trust its own bars keeps the stream's.
  Film brief;
  brief.add(pillarbox, 5);
  brief.add(cv::Mat(180, 320, CV_8UC3, grey), 20);
  CHECK(brief.summary({shot(0, 5), shot(5, 25)}).shots[0].bars == Border{});
}

TEST_CASE("colour analyzer: evidence is the strongest frames, one per shot, with thumbnails") {
  Film film;
  const double blue_parts[] = {0.25, 0.5, 1.0, 0.75};  // four shots of 3 s, bluer or less
  std::vector<Shot> shots;
  for (double part : blue_parts) {
    cv::Mat picture(180, 320, CV_8UC3, grey);
    picture(cv::Rect(0, 0, int(320 * part), 180)).setTo(blue);
    const int64_t first = film.frames();
    film.add(picture, 75);
    shots.push_back(shot(first, first + 75));
  }
  const ColourSummary s = film.summary(shots);
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

TEST_CASE("colour analyzer: evidence thumbnails are never larger than the picture") {
  // A picture 4 pixels wide: a thumbnail 160 wide would be 24000 rows (11 MB) a family.
  Film film;
  film.add(cv::Mat(600, 4, CV_8UC3, blue), 3);
  const ColourObservations seen = film.seen();
  const auto& blue_evidence = seen.candidates[size_t(Family::blue)];
  REQUIRE_FALSE(blue_evidence.empty());
  CHECK(blue_evidence[0].thumbnail.size() == cv::Size(4, 600));
}

TEST_CASE("colour analyzer: parameters out of range are refused, naming the value") {
  ColourParams params;
  params.samples_per_frame = 0;
  CHECK_THROWS_WITH_AS(ColourAnalyzer{params}, doctest::Contains("samples_per_frame"), herlens::Error);
  params = {};
  params.palette.colours = 100;
  CHECK_THROWS_AS(ColourAnalyzer{params}, herlens::Error);
}
