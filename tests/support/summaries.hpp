#pragma once
// A small film summary built by hand (through the real joins where they are pure), for the tests of
// writers: every number in it is known.
#include <opencv2/core.hpp>

#include <opencv2/imgcodecs.hpp>

#include "herlens/metrics/film_summary.hpp"
#include "support/shots.hpp"

namespace herlens::test {

// Three shots of 2, 25 and 3 s at 25 fps, cut, cut; one face sample a shot, a face (0.5 of the
// picture: CU) in the second; speech 1-4 s over black (the picture is black for its first 2 s) and
// over no face, 14-16 s over the face; a two-colour palette; a skipped analysis; provenance with
// one parameter group and one model.
inline metrics::FilmSummary hand_made_summary() {
  using namespace metrics;
  FilmSummary s;
  s.input = "film.mkv";
  s.input_path = "/films/film.mkv";
  s.decode = {750, 480000, 2, false};
  s.timing.video_frames = 750;
  s.timing.end_time = 30;
  s.timing.shortest_interval = s.timing.longest_interval = 0.04;
  s.clock = {0, {25, 1}, 320, 240, true};
  s.analyses = {Analysis::shots, Analysis::palette, Analysis::framing, Analysis::dialogue};
  s.skipped = {{Analysis::dialogue, "made up, for the test"}};

  ShotDetection detection;
  detection.shots = shots_of({2, 25, 3});
  detection.shots[1].begins = detection.shots[2].begins = ShotStart::cut;
  detection.shots[0].ends = detection.shots[1].ends = ShotEnd::cut;
  detection.transitions = {{TransitionKind::cut, 50, 50, 50, 2, 2, 0.9f}, {TransitionKind::cut, 675, 675, 675, 27, 27, 0.75f}};
  detection.decisions.resize(750);
  ShotScores frames;
  for (int64_t i = 0; i < 750; ++i) {
    ShotFrameScores& scores = frames.emplace_back();
    scores.index = i;
    scores.time = double(i) / 25;
  }
  // Pictures kept for the strips: both sides of the first cut, one side of the second, and one
  // frame no strip shows.
  CandidatePictures kept;
  for (const int64_t frame : {49, 50, 675, 300}) {
    std::vector<uint8_t> jpeg;
    cv::imencode(".jpg", cv::Mat(36, 64, CV_8UC3, cv::Scalar::all(double(frame % 256))), jpeg);
    kept.put(frame, jpeg);
  }
  s.shots = summarise_shots(detection, std::move(frames), kept, {});

  ColourSummary colour;
  colour.families[size_t(Family::blue)].pixel = 0.25;
  colour.families[size_t(Family::grey)].pixel = 0.75;
  colour.cool_share = 0.25;
  colour.palette = {{srgb_to_lab(128, 128, 128), {128, 128, 128}, 0.75}, {srgb_to_lab(0, 0, 255), {0, 0, 255}, 0.25}};
  for (const Shot& shot : detection.shots) colour.shots.push_back({shot, {}, {}, colour.palette});
  colour.evidence.push_back({Family::blue, 1, 1, 100, 4, 0.5, cv::Mat(9, 16, CV_8UC3, cv::Scalar(255, 0, 0))});
  colour.frame_times = {0, 10, 20};
  colour.frame_means = {srgb_to_lab(128, 128, 128), srgb_to_lab(0, 0, 255), srgb_to_lab(128, 128, 128)};
  s.palette = colour;

  FaceObservations faces;
  faces.samples = {{25, 1, {}, 0}, {300, 12, {models::Face{cv::Rect2f(0.4f, 0.2f, 0.3f, 0.5f), 0.9f}}, 0.5},
                   {700, 28, {}, 0}};
  faces.thumbnails = {{300, 12, cv::Mat(36, 64, CV_8UC3, cv::Scalar(60, 60, 60)), {cv::Rect2f(0.4f, 0.2f, 0.3f, 0.5f)}}};
  s.framing = frame_film(faces, detection.shots, {});

  const PictureLevels picture{0, 30, {{0, 2}}};
  const std::vector<FaceSample> face_counts = face_samples(faces.samples, {});
  s.dialogue = summarise_dialogue({{{1, 4}, {14, 16}}, 30}, picture, face_counts, {});

  s.provenance = {"0.1.0+gtest", {{"shot detector", {{"threshold", 3.0, false}, {"window", 5, true}}}},
                  {{"models/silero_vad_v6.onnx", "1a15"}}, {}};
  return s;
}

}  // namespace herlens::test
