// Each export written from known shots and speech, then read back by something other than herlens'
// writers: an EDL parser that counts drop-frame as SMPTE defines it, nlohmann-json for OTIO,
// xmllint (with schemas of what herlens writes) for FCPXML and EAF, FFmpeg for the subtitles.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "herlens/exports/eaf.hpp"
#include "herlens/exports/edl.hpp"
#include "herlens/exports/fcpxml.hpp"
#include "herlens/exports/otio.hpp"
#include "herlens/exports/subtitles.hpp"
#include "herlens/report/atomic_file.hpp"
#include "support/exports.hpp"
#include "support/summaries.hpp"

using namespace herlens;
using report::FrameRate;

namespace {

exports::Film hand_made_film() {
  const metrics::FilmSummary summary = test::hand_made_summary();
  return exports::film_of(report::SavedReport::of(report::outputs_of(summary, {})));
}

// Shots between the given frame numbers at `rate`, timed as shots.csv prints them (to the ms).
exports::Film film_at(FrameRate rate, const std::vector<int64_t>& cuts) {
  const auto printed = [rate](int64_t frame) {
    return double(report::milliseconds(double(frame) * double(rate.den) / double(rate.num))) / 1000;
  };
  exports::Film film;
  film.input = film.path = "/films/a <film> & \"its\" name\x01.mov";
  film.name = "a <film>";
  film.rate = rate;
  film.timeline.runtime = printed(cuts.back());
  film.timeline.picture = report::SavedTimeline::Picture{{int(rate.num), int(rate.den)}, false, cuts.back(), 0,
                                                         printed(cuts.back()), 1920, 1080};
  std::vector<exports::ExportShot>& shots = film.shots.emplace();
  for (size_t k = 0; k + 1 < cuts.size(); ++k)
    shots.push_back({{cuts[k], cuts[k + 1], printed(cuts[k]), printed(cuts[k + 1]),
                      k == 0 ? metrics::ShotStart::start : metrics::ShotStart::cut,
                      k + 2 == cuts.size() ? metrics::ShotEnd::end : metrics::ShotEnd::cut},
                     std::nullopt, std::nullopt});
  return film;
}

std::filesystem::path written(const test::ScratchDir& dir, const std::string& name, const std::string& text) {
  report::write_file_atomically(dir / name, text);
  return dir / name;
}

const std::string schemas = test::source_file("tests/data/exports").string();

}  // namespace

TEST_CASE("srt and vtt: one cue per speech segment, to the millisecond, naming what was on screen") {
  const exports::Film film = hand_made_film();
  CHECK(exports::srt(film) ==
        "1\n00:00:01,000 --> 00:00:04,000\n[voice only, no face on screen]\n\n"
        "2\n00:00:14,000 --> 00:00:16,000\n[speaker on screen]\n\n");
  CHECK(exports::vtt(film) ==
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\n[voice only, no face on screen]\n\n"
        "2\n00:00:14.000 --> 00:00:16.000\n[speaker on screen]\n\n");
}

TEST_CASE("srt and vtt: FFmpeg reads every cue at the segment's time, within a millisecond") {
  exports::Film film = hand_made_film();
  film.speech->push_back({{3723.4567, 3725.0004}, metrics::PictureState::black, {}});
  test::ScratchDir dir;
  for (const auto& [name, text] : {std::pair{"cues.srt", exports::srt(film)}, std::pair{"cues.vtt", exports::vtt(film)}}) {
    CAPTURE(name);
    const std::vector<test::Cue> cues = test::ffmpeg_cues(written(dir, name, text));
    REQUIRE(cues.size() == film.speech->size());
    for (size_t k = 0; k < cues.size(); ++k) {
      const metrics::SpeechSegment& segment = (*film.speech)[k].segment;
      CHECK(std::abs(cues[k].start - segment.start) <= 0.001);
      CHECK(std::abs(cues[k].start + cues[k].duration - segment.end) <= 0.001);
    }
  }
}

TEST_CASE("edl: one cut event per shot at 25 fps, source and record the film's own frames") {
  const exports::Film film = hand_made_film();
  const std::string text = exports::edl(film);
  CHECK(text.rfind("TITLE: film\nFCM: NON-DROP FRAME\n\n"
                   "001  AX       V     C        00:00:00:00 00:00:02:00 00:00:00:00 00:00:02:00\n"
                   "* FROM CLIP NAME: film.mkv\n"
                   "* COMMENT: shot 1: start to cut, no face\n",
                   0) == 0);
  const test::Edl edl = test::parse_edl(text, 25);
  REQUIRE(edl.events.size() == 3);
  for (size_t k = 0; k < 3; ++k) {
    const metrics::Shot& shot = (*film.shots)[k].shot;
    CHECK(edl.events[k].number == int(k + 1));
    CHECK(edl.events[k].transition == "C");
    CHECK(edl.events[k].source_in == shot.start_frame);
    CHECK(edl.events[k].source_out == shot.end_frame);
    CHECK(edl.events[k].record_in == shot.start_frame);
    CHECK(edl.events[k].record_out == shot.end_frame);
  }
  CHECK(edl.events[1].comments.at(1).find("CU, 1 face") != std::string::npos);
}

TEST_CASE("edl: 29.97 and 59.94 in drop-frame, every shot's frames read back exactly") {
  for (const FrameRate rate : {FrameRate{30000, 1001}, FrameRate{60000, 1001}}) {
    CAPTURE(rate.num);
    const int64_t base = rate.timecode_base();
    // Cuts either side of the first minute, on the tenth minute, and past an hour.
    const std::vector<int64_t> cuts{0, base * 60 - 3, base * 60 + 5, 17982 * base / 30, 17982 * base / 30 + 7,
                                    107892 * base / 30 + 11};
    const std::string text = exports::edl(film_at(rate, cuts));
    const test::Edl edl = test::parse_edl(text, base);
    CHECK(edl.fcm == "DROP FRAME");
    REQUIRE(edl.events.size() == cuts.size() - 1);
    for (size_t k = 0; k + 1 < cuts.size(); ++k) {
      CHECK(edl.events[k].drop_frame);
      CHECK(edl.events[k].source_in == cuts[k]);
      CHECK(edl.events[k].source_out == cuts[k + 1]);
    }
    // A name with a control byte stays on its line.
    CHECK(text.find("* FROM CLIP NAME: a <film> & \"its\" name .mov\n") != std::string::npos);
  }
}

TEST_CASE("edl: 23.976, 24, 25 and 30 without drop-frame, frames exact") {
  for (const FrameRate rate : {FrameRate{24000, 1001}, FrameRate{24, 1}, FrameRate{25, 1}, FrameRate{30, 1}}) {
    CAPTURE(rate.num);
    const std::vector<int64_t> cuts{0, 47, 1439, 1441, 86399, 86413};
    const test::Edl edl = test::parse_edl(exports::edl(film_at(rate, cuts)), rate.timecode_base());
    CHECK(edl.fcm == "NON-DROP FRAME");
    REQUIRE(edl.events.size() == cuts.size() - 1);
    for (size_t k = 0; k + 1 < cuts.size(); ++k) {
      CHECK_FALSE(edl.events[k].drop_frame);
      CHECK(edl.events[k].source_in == cuts[k]);
      CHECK(edl.events[k].record_out == cuts[k + 1]);
    }
  }
}

TEST_CASE("otio: a track of one clip per shot, their ranges the shots' frames, findings and markers on them") {
  const exports::Film film = hand_made_film();
  const nlohmann::json timeline = nlohmann::json::parse(exports::otio(film));
  CHECK(timeline.at("OTIO_SCHEMA") == "Timeline.1");
  CHECK(timeline.at("metadata").at("herlens").at("frame_rate") == "25/1");
  const auto items = test::otio_items(timeline);
  REQUIRE(items.size() == 3);
  for (size_t k = 0; k < 3; ++k) {
    const metrics::Shot& shot = (*film.shots)[k].shot;
    CHECK(items[k].schema == "Clip.2");
    CHECK(items[k].rate == 25);
    CHECK(items[k].track_start == shot.start_frame);   // track time is film time
    CHECK(items[k].source_start == shot.start_frame);  // the clip shows the film at that time
    CHECK(items[k].duration == shot.end_frame - shot.start_frame);
    const nlohmann::json& media = items[k].item.at("media_references").at("DEFAULT_MEDIA");
    CHECK(media.at("target_url") == "file:///films/film.mkv");
    CHECK(media.at("available_range").at("duration").at("value") == 750);
  }
  const nlohmann::json& herlens = items[1].item.at("metadata").at("herlens");
  CHECK(herlens.at("scale") == "CU");
  CHECK(herlens.at("max_faces") == 1);
  CHECK(herlens.at("transition_in") == "cut");
  // The 25 s shot is a long take; the 1-4 s speech was heard with no face on screen.
  CHECK(items[0].item.at("markers").empty());
  REQUIRE(items[1].item.at("markers").size() == 1);
  CHECK(items[1].item.at("markers")[0].at("name") == "long take");
  const nlohmann::json& markers = timeline.at("tracks").at("children").at(0).at("markers");
  REQUIRE(markers.size() == 1);
  CHECK(markers[0].at("name") == "voice only, no face on screen");
  CHECK(markers[0].at("marked_range").at("start_time").at("value") == 25);
  CHECK(markers[0].at("marked_range").at("duration").at("value") == 75);
}

TEST_CASE("otio: a picture that starts after 0 leaves a gap first, so track time stays film time") {
  exports::Film film = film_at(FrameRate{24000, 1001}, {12, 60, 100});
  const auto items = test::otio_items(nlohmann::json::parse(exports::otio(film)));
  REQUIRE(items.size() == 3);
  CHECK(items[0].schema == "Gap.1");
  CHECK(items[0].duration == 12);
  CHECK(items[1].track_start == 12);
  CHECK(items[1].source_start == 12);
  CHECK(items[2].track_start == 60);
  CHECK(items[2].rate == doctest::Approx(24000.0 / 1001));
}

TEST_CASE("fcpxml: well-formed and valid, clips on the spine at the shots' rational times, markers inside them") {
  test::ScratchDir dir;
  const std::string text = exports::fcpxml(hand_made_film());
  const auto file = written(dir, "shots.fcpxml", text);
  const test::CliResult lint = test::xmllint(file, {"--dtdvalid", schemas + "/fcpxml-subset.dtd"});
  CHECK_MESSAGE(lint.exit_code == 0, lint.err);
  CHECK(text.find("<format id=\"r1\" frameDuration=\"1/25s\" width=\"320\" height=\"240\"/>") != std::string::npos);
  CHECK(text.find("<asset-clip ref=\"r2\" name=\"shot 2\" offset=\"2s\" start=\"2s\" duration=\"25s\" tcFormat=\"NDF\">") !=
        std::string::npos);
  CHECK(text.find("<marker start=\"2s\" duration=\"25s\" value=\"long take\"/>") != std::string::npos);
  CHECK(text.find("<marker start=\"1s\" duration=\"1s\" value=\"voice only, no face on screen\"/>") !=
        std::string::npos);  // the 1-4 s speech marked in the clip it starts in, ending with it
  CHECK(text.find("<keyword start=\"2s\" duration=\"25s\" value=\"CU\"/>") != std::string::npos);
  CHECK(text.find("<media-rep kind=\"original-media\" src=\"file:///films/film.mkv\"/>") != std::string::npos);
}

TEST_CASE("fcpxml: 29.97 in drop-frame, times on its frame grid, a gap before a late first picture") {
  test::ScratchDir dir;
  const std::string text = exports::fcpxml(film_at(FrameRate{30000, 1001}, {3, 1803, 1900}));
  const test::CliResult lint = test::xmllint(written(dir, "shots.fcpxml", text), {"--dtdvalid", schemas + "/fcpxml-subset.dtd"});
  CHECK_MESSAGE(lint.exit_code == 0, lint.err);
  CHECK(text.find("tcFormat=\"DF\"") != std::string::npos);
  CHECK(text.find("frameDuration=\"1001/30000s\"") != std::string::npos);
  CHECK(text.find("<gap name=\"before the first picture\" offset=\"0s\" duration=\"1001/10000s\"/>") != std::string::npos);
  CHECK(text.find("offset=\"1001/10000s\" start=\"1001/10000s\" duration=\"3003/50s\"") != std::string::npos);  // 1800 frames
}

TEST_CASE("eaf: valid against the schema of what herlens writes, tiers in milliseconds, linked to the film") {
  test::ScratchDir dir;
  const std::string text = exports::eaf(hand_made_film(), "2026-11-30T01:02:03Z", "/films/notes");
  const test::CliResult lint = test::xmllint(written(dir, "film.eaf", text), {"--schema", schemas + "/eaf-subset.xsd"});
  CHECK_MESSAGE(lint.exit_code == 0, lint.err);
  CHECK(text.find("DATE=\"2026-11-30T01:02:03Z\"") != std::string::npos);
  CHECK(text.find("<MEDIA_DESCRIPTOR MEDIA_URL=\"file:///films/film.mkv\" MIME_TYPE=\"video/*\" "
                  "RELATIVE_MEDIA_URL=\"../film.mkv\"/>") != std::string::npos);
  for (const char* tier : {"shots", "shot scale", "colour", "speech", "on screen"})
    CHECK(text.find(fmt::format("TIER_ID=\"{}\"", tier)) != std::string::npos);
  CHECK(text.find("<TIME_SLOT TIME_SLOT_ID=\"ts1\" TIME_VALUE=\"0\"/>") != std::string::npos);
  CHECK(text.find("TIME_VALUE=\"27000\"") != std::string::npos);  // the cut at 27 s
  CHECK(text.find("<ANNOTATION_VALUE>voice only, no face on screen</ANNOTATION_VALUE>") != std::string::npos);
  CHECK(text.find("<ANNOTATION_VALUE>CU</ANNOTATION_VALUE>") != std::string::npos);
}

TEST_CASE("eaf and fcpxml: a film name with markup and control characters stays well-formed") {
  test::ScratchDir dir;
  exports::Film film = film_at(FrameRate{25, 1}, {0, 50, 100});
  film.speech.emplace().push_back({{0.5, 1.5}, std::nullopt, {}});
  const std::string eaf = exports::eaf(film, "2026-11-30T01:02:03Z", {});
  CHECK(test::xmllint(written(dir, "film.eaf", eaf), {"--schema", schemas + "/eaf-subset.xsd"}).exit_code == 0);
  CHECK(eaf.find("TIER_ID=\"on screen\"") == std::string::npos);  // no state known, no tier
  CHECK(test::xmllint(written(dir, "film.fcpxml", exports::fcpxml(film))).exit_code == 0);
}

TEST_CASE("exports: a blank stretch is listed with the shots, named blank, without scale, colours or long take") {
  exports::Film film = hand_made_film();
  exports::ExportShot& blank = (*film.shots)[1];  // 25 s: a long take, were it a shot
  blank.shot.blank = true;
  CHECK(exports::describe(blank, 2) == "shot 2: cut to cut, blank");
  const std::string eaf = exports::eaf(film, "2026-11-30T01:02:03Z", {});
  CHECK(eaf.find("<ANNOTATION_VALUE>shot 2 (blank)</ANNOTATION_VALUE>") != std::string::npos);
  CHECK(eaf.find("<ANNOTATION_VALUE>CU</ANNOTATION_VALUE>") == std::string::npos);  // its face is not counted
  const std::string fcpxml = exports::fcpxml(film);
  CHECK(fcpxml.find("<keyword start=\"2s\" duration=\"25s\" value=\"blank\"/>") != std::string::npos);
  CHECK(fcpxml.find("long take") == std::string::npos);
  const auto items = test::otio_items(nlohmann::json::parse(exports::otio(film)));
  CHECK(items[1].item.at("metadata").at("herlens").at("blank") == true);
  CHECK(items[1].item.at("markers").empty());
  CHECK(test::parse_edl(exports::edl(film), 25).events.size() == 3);
}
