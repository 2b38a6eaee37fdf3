#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "herlens/error.hpp"
#include "support/collect.hpp"
#include "support/fixtures.hpp"

using herlens::test::Collector;
using herlens::test::media;

namespace {

herlens::pipeline::PassResult pass(const std::string& file, Collector& collector) {
  herlens::pipeline::Analyzer* analyzers[] = {&collector};
  return herlens::test::pass_over(media(file), analyzers);
}

double rms(const std::vector<float>& samples, size_t from, size_t to) {
  double sum = 0;
  for (size_t i = from; i < to; ++i) sum += double(samples[i]) * samples[i];
  return std::sqrt(sum / double(to - from));
}

}  // namespace

TEST_CASE("decode pass: every frame once, in order, at the analysis size, with audio") {
  Collector collector;
  const auto result = pass("basic.mp4", collector);
  REQUIRE(collector.frames.size() == 75);
  CHECK(result.stats.video_frames == 75);
  CHECK(result.stats.decode_errors == 0);
  CHECK_FALSE(result.stats.ended_early);
  for (size_t i = 0; i < collector.frames.size(); ++i) {
    CHECK(collector.frames[i].index == int64_t(i));
    CHECK(collector.frames[i].time == doctest::Approx(0.04 * double(i)).epsilon(1e-9));
  }
  CHECK(collector.frames[0].picture.size() == cv::Size(320, 180));
  CHECK(collector.frames[0].picture.type() == CV_8UC3);
  CHECK(collector.finished);
  // 3 s of audio at 16 kHz, give or take one AAC frame of priming.
  CHECK(double(collector.audio.size()) / 16000.0 == doctest::Approx(3.0).epsilon(0.03));
  CHECK(rms(collector.audio, 1000, 40000) > 0.05);  // lavfi's sine (amplitude 1/8), averaged to mono
}

TEST_CASE("decode pass: variable frame rate times come from timestamps, not index / fps") {
  Collector collector;
  pass("vfr.mkv", collector);
  REQUIRE(collector.frames.size() == 20);
  for (int k = 0; k < 20; ++k) {
    const double expected = k < 10 ? 0.04 * k : 0.36 + 0.12 * (k - 9);
    CHECK(collector.frames[size_t(k)].time == doctest::Approx(expected).epsilon(1e-6));
  }
}

TEST_CASE("decode pass: a stream starting at 10 s is timed from its own start") {
  Collector collector;
  const auto result = pass("offset_start.mkv", collector);
  REQUIRE(collector.frames.size() == 25);
  CHECK(collector.frames.front().time == doctest::Approx(0.0));
  CHECK(collector.frames.back().time == doctest::Approx(0.96));
  // The file's own start is kept, for the exports to name: film time 0 is its 10 s.
  CHECK(result.source.start_offset == doctest::Approx(10.0));
  CHECK(result.source.frame_rate.num == 25);
  CHECK(result.source.frame_rate.den == 1);
}

TEST_CASE("decode pass: picture and sound are timed on one film timeline, whichever starts first") {
  // The sound stream starts 0.84 s after the picture; a white frame and a tone both at 2.00 s.
  Collector collector;
  pass("hostile/sound_starts_late.mkv", collector);
  REQUIRE(collector.frames.size() == 100);
  CHECK(collector.frames.front().time == doctest::Approx(0.0));
  const auto white = std::find_if(collector.frames.begin(), collector.frames.end(),
                                  [](const auto& frame) { return cv::mean(frame.picture)[0] > 128; });
  REQUIRE(white != collector.frames.end());
  CHECK(white->time == doctest::Approx(2.0));
  CHECK(collector.first_audio_time == doctest::Approx(0.84).epsilon(0.001));
  const auto tone = std::find_if(collector.audio.begin(), collector.audio.end(), [](float s) { return std::abs(s) > 0.01; });
  REQUIRE(tone != collector.audio.end());
  const double heard = collector.first_audio_time + double(tone - collector.audio.begin()) / 16000.0;
  CHECK(heard == doctest::Approx(2.0).epsilon(0.002));
}

TEST_CASE("decode pass: a hole in the sound's timestamps is heard as silence, so the sound stays with the picture") {
  // The sound's timestamps skip from 1.00 to 1.50 s; a tone 1.50 s into its samples is stamped 2.00 s, with
  // a white frame. Timed by its samples alone it would be heard at 1.50 s, and every later hole would add.
  Collector collector;
  pass("hostile/sound_with_hole.mkv", collector);
  const auto tone = std::find_if(collector.audio.begin(), collector.audio.end(), [](float s) { return std::abs(s) > 0.01; });
  REQUIRE(tone != collector.audio.end());
  const double heard = collector.first_audio_time + double(tone - collector.audio.begin()) / 16000.0;
  CHECK(heard == doctest::Approx(2.0).epsilon(0.002));
  // 3.5 s of samples and the half-second hole.
  CHECK(double(collector.audio.size()) / 16000.0 == doctest::Approx(4.0).epsilon(0.005));
  CHECK(rms(collector.audio, 17000, 23000) == 0.0);  // the hole, 1.06 to 1.44 s
}

TEST_CASE("decode pass: pixel aspect ratio is honoured (704x576 at 16:11 is 1024x576 in shape)") {
  Collector collector;
  pass("anamorphic.mkv", collector);
  REQUIRE_FALSE(collector.frames.empty());
  CHECK(collector.frames[0].picture.size() == cv::Size(320, 180));
}

TEST_CASE("decode pass: pictures are turned upright as the display matrix says") {
  // Each stored turned (or mirrored): upright, 180x320 with a white square at the top left.
  for (const char* file : {"hostile/rotated_90.mp4", "hostile/rotated_180.mp4", "hostile/rotated_270.mp4",
                           "hostile/mirrored.mp4"}) {
    CAPTURE(std::string(file));
    Collector collector({.video = true}, 1, 640);
    const auto result = pass(file, collector);
    CHECK(result.source.analysis_size == cv::Size(180, 320));
    REQUIRE_FALSE(collector.frames.empty());
    const auto& frame = collector.frames.front();
    CHECK(frame.detail_size == cv::Size(180, 320));
    REQUIRE(frame.picture.size() == cv::Size(180, 320));
    const auto level = [&frame](int x, int y) { return cv::mean(frame.picture(cv::Rect(x, y, 40, 40)))[0]; };
    CHECK(level(0, 0) > 200);
    CHECK(level(140, 0) < 50);
    CHECK(level(0, 280) < 50);
    CHECK(level(140, 280) < 50);
  }
}

TEST_CASE("decode pass: detail pictures only for the frames that ask, at the asked width") {
  Collector collector({.video = true}, 10, 640);
  pass("basic.mp4", collector);
  REQUIRE(collector.frames.size() == 75);
  for (const auto& frame : collector.frames) {
    CHECK(frame.had_detail == (frame.index % 10 == 0));
    if (frame.had_detail) CHECK(frame.detail_size == cv::Size(640, 360));
  }
}

TEST_CASE("audio: a WAV opens through libsndfile and resamples to 16 kHz mono") {
  Collector collector;
  const auto result = pass("tone.wav", collector);
  CHECK_FALSE(result.source.has_video);
  CHECK(collector.frames.empty());
  CHECK(double(collector.audio.size()) == doctest::Approx(32000).epsilon(0.002));
  CHECK(collector.first_audio_time == doctest::Approx(0.0));
}

TEST_CASE("audio: the centre channel of a 5.1 mix is the dialogue channel") {
  for (const char* file : {"centre_tone_51.wav", "centre_tone_51.mka"}) {
    CAPTURE(file);
    Collector centre;
    const auto result = pass(file, centre);
    CHECK(result.source.audio_has_centre);
    CHECK(rms(centre.audio, 1000, 30000) == doctest::Approx(0.125 / std::sqrt(2.0)).epsilon(0.02));
  }
  Collector sides;
  pass("sides_tone_51.wav", sides);
  CHECK(rms(sides.audio, 1000, 30000) < 0.001);  // loud front left/right, silent centre
}

TEST_CASE("decode pass: a wanted stream the input lacks is simply not delivered") {
  Collector wants_video({.video = true});
  const auto audio_file = pass("audio_only.m4a", wants_video);
  CHECK_FALSE(audio_file.source.has_video);
  CHECK(wants_video.frames.empty());
  CHECK(wants_video.finished);
  Collector wants_audio({.audio = true});
  const auto silent_film = pass("video_only.mp4", wants_audio);
  CHECK_FALSE(silent_film.source.has_audio);
  CHECK(wants_audio.audio.empty());
}

TEST_CASE("decode pass: damaged streams are analysed as far as they decode") {
  Collector truncated;
  const auto cut = pass("truncated.mp4", truncated);
  CHECK(truncated.frames.size() > 20);
  CHECK(truncated.frames.size() < 100);

  Collector garbage;
  const auto damaged = pass("garbage_middle.ts", garbage);
  CHECK(damaged.stats.decode_errors > 0);
  CHECK(garbage.frames.size() > 60);  // most of the 100 pictures survive
  for (size_t i = 1; i < garbage.frames.size(); ++i)
    CHECK(garbage.frames[i].time > garbage.frames[i - 1].time);
}

TEST_CASE("decode pass: --start / --end analyse part of the film, with the film's own times") {
  Collector collector;
  herlens::pipeline::Analyzer* analyzers[] = {&collector};
  herlens::pipeline::PassOptions options;
  options.progress = false;
  options.start = 1.0;
  options.end = 2.0;
  const auto result = herlens::test::pass_over(media("basic.mp4"), analyzers, options);
  REQUIRE(collector.frames.size() == 25);
  CHECK(collector.frames.front().index == 0);
  CHECK(collector.frames.front().time == doctest::Approx(1.0));
  CHECK(collector.frames.back().time == doctest::Approx(1.96));
  CHECK(result.stats.video_frames == 25);
  CHECK(collector.first_audio_time == doctest::Approx(1.0).epsilon(0.001));
  CHECK(double(collector.audio.size()) == doctest::Approx(16000).epsilon(0.001));

  Collector wav;
  herlens::pipeline::Analyzer* audio_only[] = {&wav};
  herlens::test::pass_over(media("tone.wav"), audio_only, options);
  CHECK(wav.first_audio_time == doctest::Approx(1.0).epsilon(0.001));
  CHECK(double(wav.audio.size()) == doctest::Approx(16000).epsilon(0.002));

  options.start = 2.0;
  options.end = 1.0;
  CHECK_THROWS_AS(herlens::test::pass_over(media("basic.mp4"), analyzers, options), herlens::Error);
}

TEST_CASE("decode pass: when no analyzer wants pictures, frames are timed but not converted") {
  Collector timing_only({.video = true, .picture = false});
  pass("basic.mp4", timing_only);
  REQUIRE(timing_only.frames.size() == 75);
  CHECK(timing_only.frames[0].picture.empty());
  CHECK(timing_only.frames[74].time == doctest::Approx(2.96));
  Collector both({.video = true, .picture = false});
  Collector looks({.video = true});
  herlens::pipeline::Analyzer* analyzers[] = {&both, &looks};
  herlens::pipeline::PassOptions options;
  options.progress = false;
  herlens::test::pass_over(media("basic.mp4"), analyzers, options);
  CHECK(looks.frames[0].picture.size() == cv::Size(320, 180));  // one analyzer looking is enough
}
