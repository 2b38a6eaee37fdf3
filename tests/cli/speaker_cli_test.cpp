// Who is speaking, end to end, on films composed with known answers (scripts/make-speaker-test-media).
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/csv.hpp"
#include "support/fixtures.hpp"

using herlens::test::media;
using herlens::test::run_cli;
using nlohmann::json;

namespace {

struct Placed {
  double start = 0, end = 0;
  std::string state;
};

// Where each sentence of speakers.mp4 was placed, and what it was placed over.
std::vector<Placed> truth() {
  std::ifstream in(media("speakers/speakers.truth"));
  std::vector<Placed> placed;
  Placed p;
  while (in >> p.start >> p.end >> p.state) placed.push_back(p);
  return placed;
}

struct Run {
  json dialogue;
  std::vector<std::vector<std::string>> speech;  // speech.csv, header first
  std::vector<std::vector<std::string>> split;   // speech_split.csv, header first
};

Run dialogue_of(const std::string& film) {
  herlens::test::ScratchDir out;
  const auto result = run_cli({"dialogue", "-q", "--json", "-o", (out / "d").string(), film}, 300);
  REQUIRE(result.exit_code == 0);
  return {json::parse(result.out).at("dialogue"),
          herlens::test::parse_csv(herlens::test::read_text(out / "d" / "speech.csv")),
          herlens::test::parse_csv(herlens::test::read_text(out / "d" / "speech_split.csv"))};
}

// Seconds of speech found in [start, end), and of it in `state`.
std::pair<double, double> found_in(const Run& run, double start, double end, const std::string& state) {
  double heard = 0, agreeing = 0;
  for (size_t r = 1; r < run.split.size(); ++r) {
    const double overlap = std::min(end, std::stod(run.split[r][3])) - std::max(start, std::stod(run.split[r][2]));
    if (overlap <= 0) continue;
    heard += overlap;
    if (run.split[r][4] == state) agreeing += overlap;
  }
  return {heard, agreeing};
}

}  // namespace

TEST_CASE("cli speakers: a face moving with its speech speaks, the same face still listens") {
  const std::vector<Placed> placed = truth();
  REQUIRE(placed.size() == 4);
  const Run run = dialogue_of(media("speakers/speakers.mp4").string());
  // Each sentence heard over what it was placed over (a speech segment may end a little past the
  // sentence, and the mouth stops moving with its last word).
  for (const Placed& p : placed) {
    CAPTURE(p.state);
    const auto [heard, agreeing] = found_in(run, p.start, p.end, p.state);
    CHECK(heard > 0.9 * (p.end - p.start));
    CHECK(agreeing > 0.9 * heard);
  }
  // The voice-only share within 0.05 of the truth: the last three sentences of the four.
  double all = 0, voice_only = 0;
  for (const Placed& p : placed) {
    all += p.end - p.start;
    if (p.state != "speaker_visible") voice_only += p.end - p.start;
  }
  const double share = run.dialogue.at("voice_only_share").get<double>();
  MESSAGE("voice_only_share ", share, ", truth ", voice_only / all);
  CHECK(std::abs(share - voice_only / all) < 0.05);
  // The earlier measure (no face on screen) counts the listener as a face.
  CHECK(std::abs(run.dialogue.at("faceless_share").get<double>() - (voice_only - (placed[1].end - placed[1].start)) / all) <
        0.05);
  // Mouths were measured only where speech and a face met: the first two shots, about 6 samples each
  // with 5 pictures a burst.
  const int64_t runs = run.dialogue.at("mouth_measurements").get<int64_t>();
  CHECK(runs > 20);
  CHECK(runs < 100);
}

TEST_CASE("cli speakers: a night scene is a picture, and sound after the last picture is no picture") {
  const Run dark = dialogue_of(media("speakers/dark.mp4").string());
  REQUIRE(dark.speech.size() == 2);
  CHECK(dark.speech[1][5] == "no_face");
  CHECK(dark.dialogue.at("over_black_minutes").get<double>() == 0);

  const Run tail = dialogue_of(media("speakers/tail.mp4").string());
  REQUIRE(tail.speech.size() == 2);
  // Heard from about 0.5 s to 4.0 s; the picture ends at 2 s.
  CHECK(std::stod(tail.speech[1][7]) == doctest::Approx(2 - std::stod(tail.speech[1][1])).epsilon(0.05));  // no_face
  CHECK(std::stod(tail.speech[1][10]) == doctest::Approx(std::stod(tail.speech[1][2]) - 2).epsilon(0.05));  // no_picture
  CHECK(std::stod(tail.speech[1][6]) == 0);  // never over black
  CHECK(tail.dialogue.at("over_black_minutes").get<double>() == 0);
  CHECK(tail.dialogue.at("no_picture_minutes").get<double>() * 60 > 1.5);
  CHECK(tail.dialogue.at("voice_only_share").get<double>() < 0.6);
}
