#include <doctest/doctest.h>

#include "herlens/report/json.hpp"
#include "support/fixtures.hpp"

using herlens::test::media;
using herlens::test::run_cli;
namespace json = herlens::report::json;

TEST_CASE("cli probe: streams, sizes, rates and colour in JSON") {
  const auto result = run_cli({"probe", "--json", media("anamorphic.mkv").string()});
  REQUIRE(result.exit_code == 0);
  const json::Value info = json::parse(result.out);
  const json::Value& video = info.find("video")->as_array().at(0);
  CHECK(video.find("width")->as_number() == 704);
  CHECK(video.find("height")->as_number() == 576);
  CHECK(video.find("sample_aspect_ratio")->as_string() == "16:11");
  CHECK(video.find("display_aspect_ratio")->as_string() == "16:9");
  CHECK(video.find("nominal_fps")->as_number() == doctest::Approx(25));
  CHECK(video.find("matrix_used")->as_string() == "smpte170m");  // untagged SD: BT.601
  CHECK(info.find("audio")->as_array().empty());
}

TEST_CASE("cli probe --decode: exact frame count and variable frame rate") {
  const auto vfr = run_cli({"probe", "--decode", "--json", media("vfr.mkv").string()});
  REQUIRE(vfr.exit_code == 0);
  const json::Value decoded = *json::parse(vfr.out).find("decoded");
  CHECK(decoded.find("video_frames")->as_number() == 20);
  CHECK(decoded.find("variable_frame_rate")->as_bool());

  const auto constant = run_cli({"probe", "--decode", media("basic.mp4").string()});
  REQUIRE(constant.exit_code == 0);
  CHECK(constant.out.find("75 frames") != std::string::npos);
  CHECK(constant.out.find("constant frame rate") != std::string::npos);
}

TEST_CASE("cli probe: audio layout and centre channel") {
  const auto result = run_cli({"probe", media("centre_tone_51.mka").string()});
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("6 channels (5.1)") != std::string::npos);
  CHECK(result.out.find("centre channel") != std::string::npos);
}
