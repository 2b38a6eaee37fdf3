// analyse(): any set of analyses in one pass, what runs when the input lacks a stream, the
// decode-only pass, provenance and the kept audio.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "herlens/error.hpp"
#include "herlens/pipeline/analyse.hpp"
#include "herlens/pipeline/analyses.hpp"
#include "support/fixtures.hpp"

using herlens::Error;
using herlens::ErrorKind;
using herlens::metrics::Analysis;
using herlens::pipeline::AnalysisRequest;
using herlens::pipeline::WhenStreamMissing;
using herlens::test::media;

namespace {

AnalysisRequest request(std::vector<Analysis> analyses, WhenStreamMissing missing = WhenStreamMissing::fail) {
  AnalysisRequest r;
  r.analyses = std::move(analyses);
  r.pass.progress = false;
  r.missing_stream = missing;
  return r;
}

const std::vector<Analysis> everything{herlens::metrics::all_analyses.begin(), herlens::metrics::all_analyses.end()};

ErrorKind error_of(const std::string& file, const AnalysisRequest& r) {
  try {
    herlens::pipeline::analyse(media(file), r);
  } catch (const Error& e) {
    return e.kind();
  }
  FAIL("no error");
  return ErrorKind::internal;
}

}  // namespace

TEST_CASE("analyse: every analysis in one pass fills its section, in the order asked") {
  const auto film = herlens::pipeline::analyse(media("speech_black_start.mp4"),
                                               request({Analysis::dialogue, Analysis::shots, Analysis::palette,
                                                        Analysis::framing}));
  const auto& s = film.summary;
  CHECK(s.analyses == std::vector<Analysis>{Analysis::dialogue, Analysis::shots, Analysis::palette, Analysis::framing});
  CHECK(s.skipped.empty());
  REQUIRE(s.shots);
  REQUIRE(s.palette);
  REQUIRE(s.framing);
  REQUIRE(s.dialogue);
  // The shot list is decided once and shared by everything per shot.
  CHECK(s.palette->shots.size() == s.shots->detection.shots.size());
  CHECK(s.framing->shots.size() == s.shots->detection.shots.size());
  CHECK(s.runtime_seconds() == doctest::Approx(18).epsilon(0.01));
  CHECK_FALSE(film.audio);  // not asked for
}

TEST_CASE("analyse: a silent film gets every analysis but dialogue when skipping is allowed") {
  const auto film = herlens::pipeline::analyse(media("video_only.mp4"), request(everything, WhenStreamMissing::skip));
  const auto& s = film.summary;
  CHECK(s.analyses == std::vector<Analysis>{Analysis::shots, Analysis::palette, Analysis::framing});
  REQUIRE(s.skipped.size() == 1);
  CHECK(s.skipped[0].analysis == Analysis::dialogue);
  CHECK(s.skipped[0].reason == "no audio stream");
  CHECK_FALSE(s.dialogue);
  CHECK(error_of("video_only.mp4", request({Analysis::dialogue})) == ErrorKind::missing_stream);
}

TEST_CASE("analyse: an audio file gets dialogue alone, with no picture to join") {
  const auto film = herlens::pipeline::analyse(media("tone.wav"), request(everything, WhenStreamMissing::skip));
  const auto& s = film.summary;
  CHECK(s.analyses == std::vector<Analysis>{Analysis::dialogue});
  CHECK(s.skipped.size() == 3);
  REQUIRE(s.dialogue);
  CHECK_FALSE(s.dialogue->picture);
  CHECK(s.runtime_seconds() == doctest::Approx(2).epsilon(0.01));  // timed by its sound
  CHECK(error_of("tone.wav", request({Analysis::framing})) == ErrorKind::missing_stream);
  // Nothing left to run is an error even when skipping is allowed.
  CHECK(error_of("tone.wav", request({Analysis::shots, Analysis::palette}, WhenStreamMissing::skip)) ==
        ErrorKind::missing_stream);
}

TEST_CASE("analyse: no analysis is a decode-only pass that times frames and counts damage") {
  const auto film = herlens::pipeline::analyse(media("vfr.mkv"), request({}));
  const auto& s = film.summary;
  CHECK(s.analyses.empty());
  CHECK(s.timing.video_frames == 20);
  CHECK(s.timing.variable_frame_rate());
  CHECK(s.decode.video_frames == 20);
  CHECK(s.timing.audio_samples == 0);
  const auto audio = herlens::pipeline::analyse(media("tone.wav"), request({}));
  CHECK(audio.summary.timing.audio_seconds() == doctest::Approx(2).epsilon(0.001));
}

TEST_CASE("analyse: a bad option is a usage error before the input is even opened") {
  AnalysisRequest r = request({Analysis::shots});
  r.options.shot_boundaries.threshold = 0.5;
  try {
    herlens::pipeline::analyse(media("no-such-film.mkv"), r);
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    CHECK(std::string(e.what()).find("threshold") != std::string::npos);
  }
}

TEST_CASE("analyse: provenance names the version, every option used and the models with their sha256") {
  AnalysisRequest r = request({Analysis::dialogue});
  r.options.speech.segments.min_speech_ms = 300;
  const auto film = herlens::pipeline::analyse(media("speech_black_start.mp4"), r);
  const auto& made = film.summary.provenance;
  CHECK(made.herlens_version.rfind("0.1.0", 0) == 0);
  const auto group = std::find_if(made.options.begin(), made.options.end(),
                                  [](const auto& g) { return g.owner == "speech segments"; });
  REQUIRE(group != made.options.end());
  const auto min_speech = std::find_if(group->values.begin(), group->values.end(),
                                       [](const auto& v) { return v.name == "min_speech_ms"; });
  REQUIRE(min_speech != group->values.end());
  CHECK(min_speech->value == 300);
  CHECK(std::none_of(made.options.begin(), made.options.end(), [](const auto& g) { return g.owner == "colour"; }));
  // Silero VAD, both BlazeFace graphs (faces decide voice-only) and FaceMesh's topology and weights
  // (mouths decide who speaks), pinned by scripts/fetch-models.
  REQUIRE(made.models.size() == 5);
  CHECK(std::any_of(made.models.begin(), made.models.end(), [](const auto& m) {
    return m.path.find("facemesh.bin") != std::string::npos &&
           m.sha256 == "3826da640b0a3021161605369ee6af293f75d518040355b960ec71a3390c1c0b";
  }));
  const auto silero = std::find_if(made.models.begin(), made.models.end(), [](const auto& m) {
    return m.path.find("silero_vad_v6.onnx") != std::string::npos;
  });
  REQUIRE(silero != made.models.end());
  CHECK(silero->sha256 == "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3");
}

TEST_CASE("analyse: a shot list stands in for the detector in every analysis per shot, and in the provenance") {
  AnalysisRequest r = request({Analysis::shots, Analysis::palette});
  r.options.shot_list = herlens::metrics::parse_shot_list("start_frame,end_frame\n0,30\n30,75\n", "list.csv");
  const auto film = herlens::pipeline::analyse(media("basic.mp4"), r);  // 75 frames at 25 fps
  const auto& shots = film.summary.shots.value();
  REQUIRE(shots.detection.shots.size() == 2);
  CHECK(shots.detection.shots[1].start_frame == 30);
  CHECK(shots.detection.shots[1].start_time == doctest::Approx(1.2));
  CHECK(shots.frames.empty());  // the detector did not run
  CHECK(film.summary.palette.value().shots.size() == 2);
  const auto& made = film.summary.provenance;
  REQUIRE(made.shot_list);
  CHECK(made.shot_list->path == "list.csv");
  CHECK(made.shot_list->sha256 == r.options.shot_list->sha256);
  CHECK(std::none_of(made.options.begin(), made.options.end(), [](const auto& g) { return g.owner == "shot detector"; }));

  // An analysis that is not per shot leaves the list out of the provenance.
  AnalysisRequest dialogue = request({Analysis::dialogue});
  dialogue.options.shot_list = r.options.shot_list;
  CHECK_FALSE(herlens::pipeline::analyse(media("tone.wav"), dialogue).summary.provenance.shot_list);
}

TEST_CASE("analyse: asked to, it keeps the pass's audio for an export") {
  herlens::test::ScratchDir dir;
  AnalysisRequest r = request({Analysis::dialogue});
  r.record_audio_in = dir.path();
  const auto film = herlens::pipeline::analyse(media("tone.wav"), r);
  REQUIRE(film.audio);
  size_t samples = 0;
  film.audio->read(0, 10, [&samples](std::span<const float> block) { samples += block.size(); });
  CHECK(samples == size_t(film.summary.timing.audio_samples));
  CHECK(std::filesystem::is_empty(dir.path()));  // the recording has no name in the folder
}

TEST_CASE("analyses: every analysis is registered once, with a join and its analyzers") {
  for (const Analysis analysis : herlens::metrics::all_analyses) {
    CAPTURE(herlens::metrics::name(analysis));
    const auto& definition = herlens::pipeline::definition_of(analysis);
    CHECK(definition.analysis == analysis);
    CHECK_FALSE(definition.analyzers.empty());
    CHECK(static_cast<bool>(definition.join));
    CHECK_FALSE(definition.parameters({}).empty());
  }
  CHECK(herlens::pipeline::analysis_registry().size() == herlens::metrics::all_analyses.size());
}
