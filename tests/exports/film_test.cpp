// What the exports take from a report, the words they use, and which formats a report can give.
#include <doctest/doctest.h>

#include "herlens/error.hpp"
#include "herlens/exports/formats.hpp"
#include "support/summaries.hpp"

using namespace herlens;
using exports::Format;
using metrics::Analysis;

namespace {

report::SavedReport hand_made_report(const metrics::FilmSummary& summary = test::hand_made_summary()) {
  return report::SavedReport::of(report::outputs_of(summary, {}));
}

ErrorKind error_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const Error& e) {
    return e.kind();
  }
  return ErrorKind::internal;
}

}  // namespace

TEST_CASE("exports: a film from a report holds its shots with scale and colours, its speech and its clock") {
  const exports::Film film = exports::film_of(hand_made_report());
  CHECK(film.input == "film.mkv");
  CHECK(film.path == "/films/film.mkv");
  CHECK(film.name == "film");
  REQUIRE(film.rate);
  CHECK(*film.rate == report::FrameRate{25, 1});
  REQUIRE(film.shots);
  REQUIRE(film.shots->size() == 3);
  CHECK((*film.shots)[1].shot.start_frame == 50);
  CHECK((*film.shots)[1].framing->scale == metrics::ShotScale::cu);
  CHECK((*film.shots)[1].colours.has_value());
  REQUIRE(film.speech);
  CHECK(film.speech->size() == 2);
}

TEST_CASE("exports: one place names what the picture showed while speech was heard") {
  CHECK(exports::on_screen_label(metrics::PictureState::black) == "voice only, black screen");
  CHECK(exports::on_screen_label(metrics::PictureState::no_face) == "voice only, no face on screen");
  CHECK(exports::on_screen_label(metrics::PictureState::listener) == "voice only, over a listener's face");
  CHECK(exports::on_screen_label(metrics::PictureState::speaker) == "speaker on screen");
  CHECK(exports::on_screen_label(metrics::PictureState::no_picture) == "speech after the picture");
  CHECK(exports::on_screen_label(metrics::PictureState::picture) == "speech (faces not looked for)");
  CHECK(exports::on_screen_label(std::nullopt) == "speech (no picture)");
}

TEST_CASE("exports: shots described in a line, colour families over 10% largest first") {
  report::ShotFamilyShares shares{};
  shares[size_t(metrics::Family::grey)] = 0.21;
  shares[size_t(metrics::Family::blue)] = 0.62;
  shares[size_t(metrics::Family::red)] = 0.09;  // under 10%: not shown
  CHECK(exports::colour_text(shares) == "blue 62%, grey 21%");
  exports::ExportShot shot{{10, 20, 0.4, 0.8, metrics::ShotStart::cut, metrics::ShotEnd::dissolve},
                           metrics::ShotFraming{4, 4, 2, 0.5, metrics::ShotScale::cu, 1}, shares};
  CHECK(exports::describe(shot, 3) == "shot 3: cut to dissolve, CU, 2 faces, blue 62%, grey 21%");
  shot.framing->scale = metrics::ShotScale::none;
  shot.framing->max_faces = 0;
  shot.colours.reset();
  CHECK(exports::describe(shot, 3) == "shot 3: cut to dissolve, no face");
}

TEST_CASE("exports: the film's path as a URL, percent-encoded") {
  CHECK(exports::media_url("/films/Her (2013)/her é.mkv") == "file:///films/Her%20%282013%29/her%20%C3%A9.mkv");
  CHECK(exports::media_url("films/her.mkv") == "films/her.mkv");
}

TEST_CASE("exports: formats by name, each once, an unknown one is a usage error naming the known ones") {
  CHECK(exports::formats_named("edl,srt,edl") == std::vector<Format>{Format::edl, Format::srt});
  CHECK(exports::formats_named("fcpxml") == std::vector<Format>{Format::fcpxml});
  try {
    exports::formats_named("edl,premiere");
    FAIL("no error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    CHECK(std::string(e.what()) == "unknown export format 'premiere' (choose from edl, otio, fcpxml, eaf, srt, vtt)");
  }
  CHECK(error_of([] { exports::formats_named(""); }) == ErrorKind::usage);
  for (const Format format : exports::all_formats) CHECK(exports::format_named(exports::name(format)) == format);
}

TEST_CASE("exports: what a report lacks for a format, and why, --only that leaves it out is refused early") {
  metrics::FilmSummary summary = test::hand_made_summary();
  summary.dialogue.reset();
  summary.analyses = {Analysis::shots, Analysis::palette, Analysis::framing};
  summary.skipped = {{Analysis::dialogue, "no audio stream"}};
  const report::SavedReport silent = hand_made_report(summary);
  CHECK(exports::lacking(Format::srt, silent) == "it has no speech (the dialogue analysis was skipped: no audio stream)");
  CHECK_FALSE(exports::lacking(Format::eaf, silent));
  CHECK_FALSE(exports::lacking(Format::edl, silent));

  summary.shots.reset();
  summary.palette.reset();
  summary.framing.reset();
  summary.analyses = {};
  CHECK(exports::lacking(Format::eaf, hand_made_report(summary)) ==
        "it has no shots or speech (the shots analysis was not asked for; the dialogue analysis was skipped: no "
        "audio stream)");

  const std::vector<Analysis> only_shots{Analysis::shots};
  CHECK(error_of([&] { exports::check_shown(std::vector<Format>{Format::edl, Format::vtt}, only_shots); }) ==
        ErrorKind::usage);
  CHECK(error_of([&] {
          exports::check_shown(std::vector<Format>{Format::edl, Format::eaf}, only_shots);
          throw Error(ErrorKind::internal, "passed");
        }) == ErrorKind::internal);
}

TEST_CASE("exports: report --export adds each export the outputs can give, and a warning for the others") {
  metrics::FilmSummary summary = test::hand_made_summary();
  summary.dialogue.reset();
  summary.analyses = {Analysis::shots, Analysis::palette, Analysis::framing};
  summary.skipped = {{Analysis::dialogue, "no audio stream"}};
  report::Outputs outputs = report::outputs_of(summary, {});
  const std::vector<Format> formats{Format::edl, Format::srt, Format::eaf};
  const auto warnings = exports::add_exports(outputs, formats, {"2026-01-01T00:00:00Z", {}});
  CHECK(warnings == std::vector<std::string>{
                        "srt export skipped: it has no speech (the dialogue analysis was skipped: no audio stream)"});
  REQUIRE(outputs.documents.size() == 2);
  CHECK(outputs.documents[0].first == "shots.edl");
  CHECK(outputs.documents[1].first == "annotations.eaf");
}
