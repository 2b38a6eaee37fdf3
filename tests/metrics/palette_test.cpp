#include <doctest/doctest.h>

#include "herlens/error.hpp"
#include "herlens/metrics/palette.hpp"

using namespace herlens::metrics;

TEST_CASE("palette: three colour clusters with 60/30/10 shares come back sorted by share") {
  std::vector<Lab> pixels;
  for (int i = 0; i < 600; ++i) pixels.push_back({50 + (i % 3) * 0.1, 60, 40});  // red-ish
  for (int i = 0; i < 300; ++i) pixels.push_back({30, 20, -60 + (i % 5) * 0.1});  // blue-ish
  for (int i = 0; i < 100; ++i) pixels.push_back({90, 0, 0});                    // white
  PaletteParams params;
  params.colours = 3;
  const auto colours = palette(pixels, params);
  REQUIRE(colours.size() == 3);
  CHECK(colours[0].share == doctest::Approx(0.6));
  CHECK(colours[0].lab.a == doctest::Approx(60));
  CHECK(colours[1].share == doctest::Approx(0.3));
  CHECK(colours[1].lab.b == doctest::Approx(-59.8).epsilon(0.01));
  CHECK(colours[2].share == doctest::Approx(0.1));
  CHECK(colours[2].rgb.r == colours[2].rgb.g);
}

TEST_CASE("palette: fewer distinct colours than k, no pixels, bad k") {
  const std::vector<Lab> two = {{10, 0, 0}, {10, 0, 0}, {80, 0, 0}};
  CHECK(palette(two, {}).size() == 2);
  CHECK(palette({}, {}).empty());
  PaletteParams bad;
  bad.colours = 0;
  CHECK_THROWS_AS(palette(two, bad), herlens::Error);
}
