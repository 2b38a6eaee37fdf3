#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include "support/csv.hpp"
#include "support/fixtures.hpp"

using herlens::test::media;
using herlens::test::run_cli;
using herlens::test::source_file;
using nlohmann::json;

namespace {

// The committed clip's utterances (scripts/make-vad-reference), in seconds.
constexpr double truth[3][2] = {{1.090, 6.526}, {8.226, 11.134}, {14.946, 17.758}};

// Speech rows of `herlens dialogue FILE` (header dropped), checked against the clip's utterances.
std::vector<std::vector<std::string>> speech_rows(const std::string& file, double tolerance = 0.15) {
  const auto result = run_cli({"dialogue", "-q", file});
  REQUIRE(result.exit_code == 0);
  auto rows = herlens::test::parse_csv(result.out);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0] == std::vector<std::string>{"segment", "start_time", "end_time", "duration", "shot", "on_screen",
                                            "over_black_seconds", "no_face_seconds", "listener_seconds",
                                            "speaker_visible_seconds", "no_picture_seconds", "voice_only_seconds"});
  rows.erase(rows.begin());
  for (size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(std::abs(std::stod(rows[i][1]) - truth[i][0]) < tolerance);
    CHECK(std::abs(std::stod(rows[i][2]) - truth[i][1]) < tolerance);
  }
  return rows;
}

// Frames in a 16-bit mono WAV as libsndfile writes it (one "data" chunk).
int64_t wav_frames(const std::string& bytes) {
  REQUIRE(bytes.substr(0, 4) == "RIFF");
  REQUIRE(bytes.substr(8, 4) == "WAVE");
  const size_t data = bytes.find("data");
  REQUIRE(data != std::string::npos);
  uint32_t size = 0;
  for (int k = 3; k >= 0; --k) size = size << 8 | static_cast<unsigned char>(bytes[data + 4 + k]);
  CHECK(bytes.size() == data + 8 + size);
  return size / 2;
}

double seconds_in(const json& dialogue, const std::string& minutes_key) {
  return dialogue.at(minutes_key).get<double>() * 60;
}

// The dialogue section of `herlens dialogue --json`'s summary.
json dialogue_section(const std::string& out) { return json::parse(out).at("dialogue"); }

}  // namespace

TEST_CASE("cli dialogue: an audio-only WAV gives the three utterances and no picture columns") {
  const auto rows = speech_rows(source_file("tests/data/vad/speech_mix_16k.wav").string());
  for (const auto& row : rows)
    for (size_t column = 4; column < row.size(); ++column) CHECK(row[column].empty());
  const auto result = run_cli({"dialogue", "--json", "-q", source_file("tests/data/vad/speech_mix_16k.wav").string()});
  REQUIRE(result.exit_code == 0);
  const json summary = dialogue_section(result.out);
  CHECK(summary.at("segment_count").get<int64_t>() == 3);
  const double truth_seconds = (6.526 - 1.090) + (11.134 - 8.226) + (17.758 - 14.946);
  CHECK(std::abs(seconds_in(summary, "dialogue_minutes") - truth_seconds) < 0.5);
  CHECK(summary.at("dialogue_share").get<double>() == doctest::Approx(seconds_in(summary, "dialogue_minutes") / 18.784).epsilon(0.001));
  CHECK(!summary.contains("voice_only_minutes"));
  CHECK(!summary.contains("over_black_minutes"));
}

TEST_CASE("cli dialogue: the centre channel of a 5.1 mix is what is heard") {
  const auto mono = speech_rows(source_file("tests/data/vad/speech_mix_16k.wav").string());
  const auto centre = speech_rows(media("speech_centre_51.wav").string());
  for (size_t i = 0; i < 3; ++i) {
    CHECK(std::abs(std::stod(centre[i][1]) - std::stod(mono[i][1])) < 0.07);
    CHECK(std::abs(std::stod(centre[i][2]) - std::stod(mono[i][2])) < 0.07);
  }
  // The same speech only in the front left and right: the silent centre has none.
  const auto sides = run_cli({"dialogue", "-q", media("speech_sides_51.wav").string()});
  REQUIRE(sides.exit_code == 0);
  CHECK(herlens::test::parse_csv(sides.out).size() == 1);
}

TEST_CASE("cli dialogue: speech over a black picture or a faceless one is voice-only") {
  const std::string film = media("speech_black_start.mp4").string();
  const auto rows = speech_rows(film);
  // Black until 5 s, then a test pattern with no face: every utterance is voice-only, the first
  // mostly over black.
  const double first_start = std::stod(rows[0][1]);
  CHECK(rows[0][4].empty());  // no shots found by herlens dialogue
  CHECK(rows[0][5] == "over_black");
  CHECK(std::stod(rows[0][6]) == doctest::Approx(5 - first_start).epsilon(0.01));
  CHECK(std::stod(rows[0][8]) + std::stod(rows[0][9]) == 0);  // no face seconds
  CHECK(rows[1][5] == "no_face");
  CHECK(std::stod(rows[1][6]) == 0);
  CHECK(std::stod(rows[1][7]) == doctest::Approx(std::stod(rows[1][3])).epsilon(0.001));
  CHECK(std::stod(rows[1][11]) == doctest::Approx(std::stod(rows[1][3])).epsilon(0.001));

  herlens::test::ScratchDir out;
  const auto result = run_cli({"dialogue", "-q", "--json", "-o", (out / "d").string(), film});
  REQUIRE(result.exit_code == 0);
  const json summary = dialogue_section(result.out);
  CHECK(seconds_in(summary, "over_black_minutes") == doctest::Approx(5 - first_start).epsilon(0.01));
  CHECK(seconds_in(summary, "voice_only_minutes") == doctest::Approx(seconds_in(summary, "dialogue_minutes")).epsilon(0.001));
  CHECK(summary.at("voice_only_share").get<double>() == doctest::Approx(1.0));
  CHECK(summary.at("faces_checked").get<bool>());
  CHECK(summary.at("runtime_minutes").get<double>() * 60 == doctest::Approx(18).epsilon(0.01));
  CHECK(std::filesystem::exists(out / "d" / "speech.csv"));
  const auto rate = herlens::test::parse_csv(herlens::test::read_text(out / "d" / "dialogue_rate.csv"));
  REQUIRE(rate.size() == 2);  // one window of 5 minutes covers the film
  CHECK(rate[0][0] == "window");
  CHECK(std::stod(rate[1][3]) == doctest::Approx(seconds_in(summary, "dialogue_minutes")).epsilon(0.001));
}

TEST_CASE("cli dialogue: --export-wav writes the speech, as long as the speech time") {
  herlens::test::ScratchDir out;
  const std::string film = media("speech_black_start.mp4").string();
  const auto result = run_cli({"dialogue", "-q", "--json", "--export-wav", (out / "speech.wav").string(), film});
  REQUIRE(result.exit_code == 0);
  const json summary = dialogue_section(result.out);
  const double speech = seconds_in(summary, "dialogue_minutes");
  // To the sample, give or take one per segment for rounding each end.
  CHECK(std::abs(wav_frames(herlens::test::read_text(out / "speech.wav")) - speech * 16000) <= 3);

  const auto voice_only = run_cli({"dialogue", "-q", "--export-wav", (out / "voice.wav").string(), "--voice-only", film});
  REQUIRE(voice_only.exit_code == 0);
  CHECK(std::abs(wav_frames(herlens::test::read_text(out / "voice.wav")) -
                 seconds_in(summary, "voice_only_minutes") * 16000) <= 2);
  // No temporary files left beside them.
  CHECK(std::distance(std::filesystem::directory_iterator(out.path()), std::filesystem::directory_iterator()) == 2);
}

TEST_CASE("cli dialogue: exit codes for a missing audio stream, a missing model and bad options") {
  const auto no_audio = run_cli({"dialogue", "-q", media("video_only.mp4").string()});
  CHECK(no_audio.exit_code == 5);
  CHECK(no_audio.err.find("no audio stream") != std::string::npos);

  herlens::test::ScratchDir empty;
  const auto no_model =
      run_cli({"dialogue", "-q", "--model-dir", empty.path().string(), source_file("tests/data/vad/speech_mix_16k.wav").string()});
  CHECK(no_model.exit_code == 7);
  CHECK(no_model.err.find("scripts/setup") != std::string::npos);

  const auto thresholds = run_cli({"dialogue", "--on-threshold", "0.4", "--off-threshold", "0.6",
                                   source_file("tests/data/vad/speech_mix_16k.wav").string()});
  CHECK(thresholds.exit_code == 2);
  CHECK(thresholds.err.find("off_threshold") != std::string::npos);
  CHECK(thresholds.err.find("not 0.6") != std::string::npos);
  CHECK(run_cli({"dialogue", "--voice-only", media("tone.wav").string()}).exit_code == 2);
}
