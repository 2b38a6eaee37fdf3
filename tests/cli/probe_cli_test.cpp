#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include "support/fixtures.hpp"

using herlens::test::media;
using herlens::test::run_cli;
using nlohmann::json;

TEST_CASE("cli probe: streams, sizes, rates and colour in JSON") {
  const auto result = run_cli({"probe", "--json", media("anamorphic.mkv").string()});
  REQUIRE(result.exit_code == 0);
  const json info = json::parse(result.out);
  const json& video = info.at("video").at(0);
  CHECK(video.at("width").get<double>() == 704);
  CHECK(video.at("height").get<double>() == 576);
  CHECK(video.at("sample_aspect_ratio").get<std::string>() == "16:11");
  CHECK(video.at("display_aspect_ratio").get<std::string>() == "16:9");
  CHECK(video.at("nominal_fps").get<double>() == doctest::Approx(25));
  CHECK(video.at("matrix_used").get<std::string>() == "smpte170m");  // untagged SD: BT.601
  CHECK(info.at("audio").empty());
}

TEST_CASE("cli probe --decode: exact frame count and variable frame rate") {
  const auto vfr = run_cli({"probe", "--decode", "--json", media("vfr.mkv").string()});
  REQUIRE(vfr.exit_code == 0);
  const json decoded = json::parse(vfr.out).at("decoded");
  CHECK(decoded.at("video_frames").get<double>() == 20);
  CHECK(decoded.at("variable_frame_rate").get<bool>());

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
