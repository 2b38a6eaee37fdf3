#include <cmath>
#include <numbers>
#include <thread>

#include <doctest/doctest.h>

#include "herlens/metrics/colour.hpp"

using namespace herlens::metrics;

namespace {

Lab at_hue(double degrees, double chroma_value = 30, double lightness = 50) {
  const double radians = degrees * std::numbers::pi / 180.0;
  return {lightness, chroma_value * std::cos(radians), chroma_value * std::sin(radians)};
}

}  // namespace

TEST_CASE("srgb_to_lab: published reference values (D65)") {
  struct Case { Rgb8 rgb; double L, a, b; };
  const Case cases[] = {
      {{255, 0, 0}, 53.24, 80.09, 67.20},   {{0, 255, 0}, 87.73, -86.18, 83.18},
      {{0, 0, 255}, 32.30, 79.19, -107.86}, {{255, 255, 255}, 100.0, 0.0, 0.0},
      {{0, 0, 0}, 0.0, 0.0, 0.0},           {{128, 128, 128}, 53.59, 0.0, 0.0},
  };
  for (const Case& c : cases) {
    const Lab lab = srgb_to_lab(c.rgb);
    CHECK(std::abs(lab.L - c.L) < 0.01);
    CHECK(std::abs(lab.a - c.a) < 0.01);
    CHECK(std::abs(lab.b - c.b) < 0.01);
  }
}

TEST_CASE("lab_to_srgb inverts srgb_to_lab on 8-bit colours") {
  for (Rgb8 c : {Rgb8{255, 0, 0}, Rgb8{12, 200, 77}, Rgb8{0, 0, 0}, Rgb8{255, 255, 255}, Rgb8{3, 4, 250}}) {
    const Rgb8 back = lab_to_srgb(srgb_to_lab(c));
    CHECK(back.r == c.r);
    CHECK(back.g == c.g);
    CHECK(back.b == c.b);
  }
  CHECK(hex({255, 8, 171}) == "#ff08ab");
}

TEST_CASE("hue angles of the reference colours listed in metrics.md") {
  CHECK(hue_degrees(srgb_to_lab({255, 0, 0})) == doctest::Approx(40).epsilon(0.02));
  CHECK(hue_degrees(srgb_to_lab({255, 255, 0})) == doctest::Approx(103).epsilon(0.01));
  CHECK(hue_degrees(srgb_to_lab({0, 255, 0})) == doctest::Approx(136).epsilon(0.01));
  CHECK(hue_degrees(srgb_to_lab({0, 255, 255})) == doctest::Approx(196).epsilon(0.01));
  CHECK(hue_degrees(srgb_to_lab({0, 0, 255})) == doctest::Approx(306).epsilon(0.01));
  CHECK(hue_degrees(srgb_to_lab({255, 0, 255})) == doctest::Approx(328).epsilon(0.01));
  CHECK(chroma(Lab{50, 3, 4}) == doctest::Approx(5));
}

TEST_CASE("family boundaries: lower bound inclusive, pink wraps through 0") {
  struct Case { double hue; Family family; };
  const Case cases[] = {
      {0, Family::pink},            {14.99, Family::pink},          {15, Family::red},
      {49.99, Family::red},         {50, Family::orange_brown},     {84.99, Family::orange_brown},
      {85, Family::yellow},         {114.99, Family::yellow},       {115, Family::green},
      {169.99, Family::green},      {170, Family::cyan_teal},       {224.99, Family::cyan_teal},
      {225, Family::blue},          {314.99, Family::blue},         {315, Family::purple_magenta},
      {344.99, Family::purple_magenta}, {345, Family::pink},        {359.99, Family::pink},
  };
  for (const Case& c : cases) {
    CAPTURE(c.hue);
    CHECK(name(hue_family(c.hue)) == name(c.family));
    CHECK(name(family_of(at_hue(c.hue + 1e-6))) == name(c.family));
  }
}

TEST_CASE("achromatic families: chroma below 10, lightness splits black, grey, white") {
  CHECK(family_of(at_hue(240, 9.99, 19.99)) == Family::black);
  CHECK(family_of(at_hue(240, 9.99, 20)) == Family::grey);
  CHECK(family_of(at_hue(240, 9.99, 85)) == Family::grey);
  CHECK(family_of(at_hue(240, 9.99, 85.01)) == Family::white);
  CHECK(family_of(at_hue(240, 10, 10)) == Family::blue);
  CHECK(is_warm(Family::yellow));
  CHECK(!is_warm(Family::green));
  CHECK(is_cool(Family::purple_magenta));
  CHECK(!is_cool(Family::white));
  CHECK(!is_chromatic(Family::grey));
  CHECK(is_chromatic(Family::pink));
}

TEST_CASE("pastel: light and softly coloured") {
  CHECK(is_pastel(at_hue(0, 10, 70)));
  CHECK(is_pastel(at_hue(0, 34.99, 90)));
  CHECK_FALSE(is_pastel(at_hue(0, 35, 90)));    // too saturated
  CHECK_FALSE(is_pastel(at_hue(0, 9.99, 90)));  // achromatic
  CHECK_FALSE(is_pastel(at_hue(0, 20, 69.99))); // too dark
  CHECK(is_pastel(srgb_to_lab({255, 182, 193})));  // CSS "lightpink"
}

TEST_CASE("PixelClassifier agrees with the exact classification on all 16.7 million colours") {
  PixelClassifier classify;
  int64_t disagreements = 0;
  for (int b = 0; b < 256; ++b)
    for (int g = 0; g < 256; ++g)
      for (int r = 0; r < 256; ++r) {
        const Rgb8 c{uint8_t(r), uint8_t(g), uint8_t(b)};
        disagreements += classify(c.b, c.g, c.r).bits != classify_exact(c).bits;
      }
  CHECK(disagreements == 0);
  CHECK(classify(0, 0, 0).near_black());
  CHECK(classify(23, 23, 23).near_black());
  CHECK_FALSE(classify(24, 24, 24).near_black());
  CHECK_FALSE(classify(23, 0, 0).near_black());  // (0, 0, 23) is a dark but clear blue
  CHECK(classify(255, 0, 0).family() == Family::blue);
}

TEST_CASE("PixelClassifier: classifiers on several threads share the exact answers and agree with them") {
  // Each thread walks the colours in its own order, so both work out answers the other reads.
  const auto disagreements_walking = [](int stride) {
    const PixelClassifier classify;
    int64_t disagreements = 0;
    for (uint32_t i = 0, colour = 0; i < (1u << 22); ++i, colour = (colour + uint32_t(stride)) & 0xffffff) {
      const Rgb8 c{uint8_t(colour), uint8_t(colour >> 8), uint8_t(colour >> 16)};
      disagreements += classify(c.b, c.g, c.r).bits != classify_exact(c).bits;
    }
    return disagreements;
  };
  int64_t first = -1, second = -1;
  std::thread a([&] { first = disagreements_walking(40503); });
  std::thread b([&] { second = disagreements_walking(65537); });
  a.join();
  b.join();
  CHECK(first == 0);
  CHECK(second == 0);
}
