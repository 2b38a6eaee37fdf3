// Shot scale (docs/framing.md): class boundaries, the join of samples to shots and the summary
// ratios, on hand-made samples and shot lists with known answers.
#include <doctest/doctest.h>

#include <cmath>

#include "herlens/error.hpp"
#include "support/shots.hpp"
#include "herlens/metrics/shot_scale.hpp"

using herlens::Error;
using herlens::ErrorKind;
using herlens::metrics::FramingSample;
using herlens::metrics::Shot;
using herlens::test::shots_of;
using herlens::metrics::ShotFraming;
using herlens::metrics::ShotScale;
using herlens::metrics::ShotScaleParams;
using herlens::metrics::ScaleThresholds;
using herlens::metrics::classify_face_size;
using herlens::metrics::frame_shots;
using herlens::metrics::summarise_framing;

namespace {

// A sample showing one face of `size` (0: no face).
FramingSample sample(double time, double size) { return {time, size > 0 ? 1 : 0, size}; }

ShotScale classify(double size) { return classify_face_size(size, ScaleThresholds{}); }

// The error kind a call throws (or nothing when it does not throw an Error).
template <typename Call>
std::optional<ErrorKind> thrown_kind(Call call) {
  try {
    call();
  } catch (const Error& error) {
    return error.kind();
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("shot scale: each class starts exactly at its shipped threshold") {
  const double below = 1e-9;
  CHECK(classify(1.0) == ShotScale::ecu);
  CHECK(classify(0.65) == ShotScale::ecu);
  CHECK(classify(0.65 - below) == ShotScale::cu);
  CHECK(classify(0.40) == ShotScale::cu);
  CHECK(classify(0.40 - below) == ShotScale::mcu);
  CHECK(classify(0.25) == ShotScale::mcu);
  CHECK(classify(0.25 - below) == ShotScale::ms);
  CHECK(classify(0.15) == ShotScale::ms);
  CHECK(classify(0.15 - below) == ShotScale::mls);
  CHECK(classify(0.09) == ShotScale::mls);
  CHECK(classify(0.09 - below) == ShotScale::ls);
  CHECK(classify(0.045) == ShotScale::ls);
  CHECK(classify(0.045 - below) == ShotScale::els);
  CHECK(classify(0.001) == ShotScale::els);
  CHECK(classify_face_size(std::nullopt, ScaleThresholds{}) == ShotScale::none);
  CHECK(classify(0) == ShotScale::none);
}

TEST_CASE("shot scale: class names") {
  CHECK(name(ShotScale::ecu) == "ECU");
  CHECK(name(ShotScale::mls) == "MLS");
  CHECK(name(ShotScale::none) == "none");
}

TEST_CASE("shot scale: a shot's face size is the median of its samples' largest faces") {
  const auto shots = shots_of({3, 3});
  // Shot 1: sizes 0.3, 0.5, 0.45 -> median 0.45 (CU) though one sample alone would be MCU.
  // Shot 2: four samples, even count -> mean of the middle two (0.1, 0.2) = 0.15 (MS).
  const std::vector<FramingSample> samples{sample(0.04, 0.3),  sample(0.5, 0.5),   sample(1.0, 0.45),
                                           sample(3.04, 0.1),  sample(3.5, 0.05),  sample(4.0, 0.2),
                                           sample(5.0, 0.3)};
  const auto framing = frame_shots(samples, shots, {});
  REQUIRE(framing.size() == 2);
  CHECK(framing[0].samples == 3);
  CHECK(framing[0].samples_with_faces == 3);
  CHECK(framing[0].face_size == doctest::Approx(0.45));
  CHECK(framing[0].scale == ShotScale::cu);
  CHECK(framing[1].samples == 4);
  CHECK(framing[1].face_size == doctest::Approx(0.15));
  CHECK(framing[1].scale == ShotScale::ms);
}

TEST_CASE("shot scale: samples without a face do not pull the median, max_faces is the most on one sample") {
  const auto shots = shots_of({4});
  const std::vector<FramingSample> samples{{0.04, 2, 0.5}, {0.5, 0, 0}, {1.0, 3, 0.3}, {2.0, 1, 0.44}, {3.0, 0, 0}};
  const auto framing = frame_shots(samples, shots, {});
  CHECK(framing[0].samples == 5);
  CHECK(framing[0].samples_with_faces == 3);
  CHECK(framing[0].max_faces == 3);
  CHECK(framing[0].face_size == doctest::Approx(0.44));
  CHECK(framing[0].scale == ShotScale::cu);
}

TEST_CASE("shot scale: min_face_share - one false face in six samples is no face shot, two are") {
  const auto shots = shots_of({6, 6});
  std::vector<FramingSample> samples;
  for (int i = 0; i < 6; ++i) samples.push_back(sample(i + 0.5, i == 2 ? 0.3 : 0));      // one face in six
  for (int i = 0; i < 6; ++i) samples.push_back(sample(6 + i + 0.5, i % 3 == 0 ? 0.3 : 0));  // two in six
  const auto framing = frame_shots(samples, shots, {});
  CHECK(framing[0].samples_with_faces == 1);
  CHECK_FALSE(framing[0].face_size.has_value());
  CHECK(framing[0].scale == ShotScale::none);
  // Exactly a third: the default share is met.
  CHECK(framing[1].samples_with_faces == 2);
  REQUIRE(framing[1].face_size.has_value());
  CHECK(framing[1].scale == ShotScale::mcu);

  ShotScaleParams any_face;
  any_face.min_face_share = 0.01;
  CHECK(frame_shots(samples, shots, any_face)[0].scale == ShotScale::mcu);
  ShotScaleParams every_sample;
  every_sample.min_face_share = 1;
  CHECK(frame_shots(samples, shots, every_sample)[1].scale == ShotScale::none);
}

TEST_CASE("shot scale: a shot without a sample is none, samples before the first shot are ignored") {
  const auto shots = shots_of({2, 0.08, 2});
  const std::vector<FramingSample> samples{sample(-0.5, 0.9), sample(0.04, 0.5), sample(1.0, 0.5),
                                           sample(2.2, 0.07), sample(3.0, 0.07)};
  const auto framing = frame_shots(samples, shots, {});
  REQUIRE(framing.size() == 3);
  CHECK(framing[0].samples == 2);
  CHECK(framing[0].scale == ShotScale::cu);
  CHECK(framing[1].samples == 0);
  CHECK(framing[1].scale == ShotScale::none);
  CHECK(framing[2].samples == 2);
  CHECK(framing[2].scale == ShotScale::ls);
  CHECK(frame_shots({}, shots, {}).size() == 3);
  CHECK(frame_shots(samples, {}, {}).empty());
}

TEST_CASE("shot scale: summary ratios by shot count and by screen time") {
  // Six shots: ECU 1 s, CU 2 s, MCU 3 s, MS 4 s, LS 5 s, none 5 s; 20 s in all.
  const auto shots = shots_of({1, 2, 3, 4, 5, 5});
  std::vector<ShotFraming> framing(6);
  const ShotScale scales[] = {ShotScale::ecu, ShotScale::cu, ShotScale::mcu,
                              ShotScale::ms,  ShotScale::ls, ShotScale::none};
  for (size_t k = 0; k < framing.size(); ++k) framing[k].scale = scales[k];
  const auto summary = summarise_framing(shots, framing);
  CHECK(summary.shot_count == 6);
  CHECK(summary.total_seconds == doctest::Approx(20));
  CHECK(summary.shots_by_scale[size_t(ShotScale::cu)] == 1);
  CHECK(summary.shots_by_scale[size_t(ShotScale::els)] == 0);
  CHECK(summary.seconds_by_scale[size_t(ShotScale::ls)] == doctest::Approx(5));
  CHECK(summary.closeup_ratio == doctest::Approx(2.0 / 6));
  CHECK(summary.closeup_time_ratio == doctest::Approx(3.0 / 20));
  CHECK(summary.mcu_or_tighter_ratio == doctest::Approx(3.0 / 6));
  CHECK(summary.mcu_or_tighter_time_ratio == doctest::Approx(6.0 / 20));
  CHECK(summary.face_shot_ratio == doctest::Approx(5.0 / 6));
  CHECK(summary.face_shot_time_ratio == doctest::Approx(15.0 / 20));
  CHECK(summary.wide_shot_ratio == doctest::Approx(1.0 / 6));
  CHECK(summary.wide_shot_time_ratio == doctest::Approx(5.0 / 20));
}

TEST_CASE("shot scale: summary of no shots is all zero, mismatched sizes are an internal error") {
  const auto empty = summarise_framing({}, {});
  CHECK(empty.shot_count == 0);
  CHECK(empty.closeup_ratio == 0);
  CHECK(empty.face_shot_time_ratio == 0);
  const auto shots = shots_of({1, 1});
  const std::vector<ShotFraming> one(1);
  CHECK(thrown_kind([&] { summarise_framing(shots, one); }) == ErrorKind::internal);
}

TEST_CASE("shot scale: thresholds and parameters are validated") {
  CHECK_NOTHROW(ScaleThresholds{}.validate());
  CHECK_NOTHROW(ShotScaleParams{}.validate());
  const auto invalid = [](auto change) {
    ScaleThresholds thresholds;
    change(thresholds);
    return thrown_kind([&] { thresholds.validate(); });
  };
  CHECK(invalid([](ScaleThresholds& t) { t.ecu = 1.2; }) == ErrorKind::usage);
  CHECK(invalid([](ScaleThresholds& t) { t.ls = 0; }) == ErrorKind::usage);
  CHECK(invalid([](ScaleThresholds& t) { t.ms = NAN; }) == ErrorKind::usage);
  CHECK(invalid([](ScaleThresholds& t) { t.cu = t.ecu; }) == ErrorKind::usage);      // not strictly decreasing
  CHECK(invalid([](ScaleThresholds& t) { t.mls = 0.2; }) == ErrorKind::usage);       // above ms
  CHECK(invalid([](ScaleThresholds& t) { t.ecu = 0.8, t.cu = 0.5; }) == std::nullopt);
  try {
    ScaleThresholds thresholds;
    thresholds.mcu = 0.5;
    thresholds.validate();
    FAIL("mcu above cu was accepted");
  } catch (const Error& error) {
    CHECK(std::string(error.what()).find("mcu = 0.5") != std::string::npos);  // names the bad value
  }

  const auto share = [](double value) {
    ShotScaleParams params;
    params.min_face_share = value;
    return thrown_kind([&] { params.validate(); });
  };
  CHECK(share(0) == ErrorKind::usage);
  CHECK(share(1.5) == ErrorKind::usage);
  CHECK(share(1) == std::nullopt);
  ShotScaleParams bad_thresholds;
  bad_thresholds.thresholds.cu = 0.7;
  CHECK(thrown_kind([&] { frame_shots({}, shots_of({1}), bad_thresholds); }) == ErrorKind::usage);
}
