// `herlens framing` end to end on generated media whose shot scales are known by construction
// (scripts/make-framing-test-media: the astronaut's face 0.50, 0.20 and 0.07 of the height, then a
// coffee cup). By body framing (docs/metrics.md) these are a CU; an MCU (the picture's bottom cuts
// her chest); an LS (her photograph small in the picture, a third of its height and seen to the
// waist: too small for the body model at its input size, so her face of 0.07 classes it); and no one.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>
#include "support/csv.hpp"
#include "support/fixtures.hpp"

using herlens::test::media;
using herlens::test::run_cli;
using nlohmann::json;

namespace {

// The framing media, made once per test run (the script skips work when nothing changed).
// Made by scripts/make-framing-test-media, which the make_test_media CTest fixture runs once
// before any test (tests run as parallel processes, so none may make media itself).
std::filesystem::path framing_media(const std::string& name) { return media("framing") / name; }

// The `scale` column of the framing table (the last one), one entry per shot.
std::vector<std::string> scales(const std::string& csv) {
  std::vector<std::string> column;
  const auto rows = herlens::test::parse_csv(csv);
  for (size_t r = 1; r < rows.size(); ++r) column.push_back(rows[r].back());
  return column;
}

double number(const json& summary, const std::string& key) {
  REQUIRE_MESSAGE(summary.contains(key), key);
  return summary.at(key).get<double>();
}

}  // namespace

TEST_CASE("cli framing: faces.mp4 gives CU, MCU, LS, none") {
  const auto result = run_cli({"framing", "-q", framing_media("faces.mp4").string()});
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.rfind("shot,start_time,end_time,duration,samples,frames_with_faces,max_faces,face_size,people,scale",
                         0) == 0);
  CHECK(scales(result.out) == std::vector<std::string>{"CU", "MCU", "LS", "none"});
}

TEST_CASE("cli framing --json: summary ratios of faces.mp4") {
  const auto result = run_cli({"framing", "-q", "--json", framing_media("faces.mp4").string()});
  REQUIRE(result.exit_code == 0);
  const json summary = json::parse(result.out).at("framing");
  CHECK(number(summary, "shot_count") == 4);
  CHECK(number(summary, "closeup_ratio") == doctest::Approx(0.25));
  CHECK(number(summary, "closeup_time_ratio") == doctest::Approx(0.25));
  CHECK(number(summary, "mcu_or_tighter_ratio") == doctest::Approx(0.5));
  CHECK(number(summary, "face_shot_ratio") == doctest::Approx(0.75));
  CHECK(number(summary, "wide_shot_ratio") == doctest::Approx(0.25));
  CHECK(number(summary, "min_face_share") == doctest::Approx(1.0 / 3));
  CHECK(summary.at("scale_shots").at("CU").get<double>() == 1);
  CHECK(summary.at("thresholds").at("LS").get<double>() == doctest::Approx(0.045));
}

TEST_CASE("cli framing --detector haar: finds the close-up") {
  // Haar on faces.mp4 (docs/framing.md): the CU shot and the coffee cup are right; the MS and LS
  // faces are within its reach too, but only the close-up is asserted.
  const auto result = run_cli({"framing", "-q", "--detector", "haar", framing_media("faces.mp4").string()});
  REQUIRE(result.exit_code == 0);
  const auto got = scales(result.out);
  REQUIRE(got.size() == 4);
  CHECK(got[0] == "CU");
}

TEST_CASE("cli framing --detector blazeface-opencv: the same classes as herlens's own runtime") {
  const auto result = run_cli({"framing", "-q", "--detector", "blazeface-opencv", framing_media("faces.mp4").string()});
  REQUIRE(result.exit_code == 0);
  CHECK(scales(result.out) == std::vector<std::string>{"CU", "MCU", "LS", "none"});
}

TEST_CASE("cli framing -o: tables, per-sample table and contact sheets") {
  herlens::test::ScratchDir out;
  const auto report = out / "report";
  const auto result =
      run_cli({"framing", "-q", "--frames-csv", "-o", report.string(), framing_media("faces.mp4").string()});
  REQUIRE(result.exit_code == 0);
  CHECK(scales(herlens::test::read_text(report / "framing.csv")) == std::vector<std::string>{"CU", "MCU", "LS", "none"});
  const std::string frames = herlens::test::read_text(report / "face_frames.csv");
  CHECK(frames.rfind("time,frame,face_count,largest_face,boxes,scores", 0) == 0);
  // Header + 11 samples: 3 in each shot but the LS one, whose cut from the MCU shot (same ground, same
  // picture smaller) is too slight for the sampler's change test, so it gets the once-a-second 2.
  CHECK(std::count(frames.begin(), frames.end(), '\n') == 1 + 11);
  for (const char* sheet : {"contact_cu.png", "contact_mcu.png", "contact_ls.png", "contact_none.png"}) {
    CAPTURE(sheet);
    CHECK(std::filesystem::file_size(report / sheet) > 1000);
  }
  CHECK_FALSE(std::filesystem::exists(report / "contact_ecu.png"));
  CHECK(std::filesystem::exists(report / "summary.json"));
}

TEST_CASE("cli framing: no video -> exit 5, unusable model -> exit 7, unwritable output -> exit 6") {
  const auto audio = run_cli({"framing", "-q", media("audio_only.m4a").string()});
  CHECK(audio.exit_code == 5);
  CHECK(audio.err.find("no video stream") != std::string::npos);

  // --model-dir is searched first, but HERLENS_MODEL_DIR and the built-in models/ folder after it,
  // so an empty folder cannot make the model missing: a corrupt model in it must stop the run.
  herlens::test::ScratchDir models;
  { std::ofstream(models / "blazeface_back_256.onnx") << "not a model"; }
  const auto corrupt = run_cli({"framing", "-q", "--model-dir", models.path().string(), framing_media("faces.mp4").string()});
  CHECK(corrupt.exit_code == 7);
  CHECK(corrupt.err.find("blazeface_back_256.onnx") != std::string::npos);
  herlens::test::ScratchDir pose_models;
  { std::ofstream(pose_models / "posenet.json") << R"({"modelTopology": {"node": [)"; }
  const auto corrupt_pose =
      run_cli({"framing", "-q", "--model-dir", pose_models.path().string(), framing_media("faces.mp4").string()});
  CHECK(corrupt_pose.exit_code == 7);
  CHECK(corrupt_pose.err.find("posenet.json") != std::string::npos);
  // A CenterNet file that parses but lacks the network's outputs.
  herlens::test::ScratchDir box_models;
  {
    std::ofstream(box_models / "centernet.json")
        << R"({"modelTopology":{"node":[{"name":"tower_0/images","op":"Placeholder"}]},"weightsManifest":[]})";
  }
  const auto corrupt_boxes =
      run_cli({"framing", "-q", "--model-dir", box_models.path().string(), framing_media("faces.mp4").string()});
  CHECK(corrupt_boxes.exit_code == 7);
  CHECK(corrupt_boxes.err.find("centernet.json: no node tower_0/keypoints") != std::string::npos);

  herlens::test::ScratchDir scratch;
  const auto file = scratch / "a-file";
  { std::ofstream(file) << "x"; }
  const auto unwritable = run_cli({"framing", "-q", "-o", (file / "out").string(), framing_media("faces.mp4").string()});
  CHECK(unwritable.exit_code == 6);
  CHECK(run_cli({"framing", "--min-face-share", "0", framing_media("faces.mp4").string()}).exit_code == 2);
}

TEST_CASE("cli framing: photographs labelled by eye by body framing") {
  // tests/data/faces/README.md: the astronaut is seen from the head to the waist (MS), one person;
  // the cameraman, in profile, from the head to the thighs (MLS), one person; the coffee cup shows
  // no one.
  const auto column = [](const std::string& csv, const std::string& name) {
    const auto rows = herlens::test::parse_csv(csv);
    REQUIRE(rows.size() == 2);
    const auto at = std::find(rows[0].begin(), rows[0].end(), name);
    REQUIRE(at != rows[0].end());
    return rows[1][size_t(at - rows[0].begin())];
  };
  const auto astronaut = run_cli({"framing", "-q", herlens::test::source_file("tests/data/faces/astronaut.jpg").string()});
  REQUIRE(astronaut.exit_code == 0);
  CHECK(column(astronaut.out, "scale") == "MS");
  CHECK(column(astronaut.out, "people") == "1");
  const auto camera = run_cli({"framing", "-q", herlens::test::source_file("tests/data/faces/camera.jpg").string()});
  REQUIRE(camera.exit_code == 0);
  CHECK(column(camera.out, "scale") == "MLS");
  CHECK(column(camera.out, "people") == "1");
  CHECK(column(camera.out, "frames_with_faces") == "1");  // his face in profile is found
  const auto coffee = run_cli({"framing", "-q", herlens::test::source_file("tests/data/faces/coffee.jpg").string()});
  REQUIRE(coffee.exit_code == 0);
  CHECK(column(coffee.out, "scale") == "none");
  CHECK(column(coffee.out, "people") == "0");
}

TEST_CASE("cli framing: no one made of the clutter of a photograph without people") {
  // scikit-image's motorcycle seen from the right camera (python3-skimage, installed by
  // scripts/setup): PoseNet's first look makes a figure 0.28 of the picture high of the shelves at its
  // right edge, with parts scoring up to 0.96; CenterNet boxes no one there, and the body's score
  // (0.60) is under what a body no box holds needs, so the closer look has no one
  // (docs/framing.md, "Real footage").
  const std::filesystem::path photo = "/usr/lib/python3/dist-packages/skimage/data/motorcycle_right.png";
  REQUIRE_MESSAGE(std::filesystem::exists(photo), "run scripts/setup (python3-skimage)");
  const auto result = run_cli({"framing", "-q", photo.string()});
  REQUIRE(result.exit_code == 0);
  const auto rows = herlens::test::parse_csv(result.out);
  REQUIRE(rows.size() == 2);
  CHECK(scales(result.out) == std::vector<std::string>{"none"});
  const auto people = std::find(rows[0].begin(), rows[0].end(), "people");
  REQUIRE(people != rows[0].end());
  CHECK(rows[1][size_t(people - rows[0].begin())] == "0");
}
