// Timecodes: clock times to the millisecond, and SMPTE frame counts at the rates films are made at,
// drop-frame at 29.97 and 59.94.
#include <doctest/doctest.h>

#include "herlens/error.hpp"
#include "herlens/report/timecode.hpp"

using namespace herlens::report;
using herlens::media::Ratio;

namespace {

constexpr FrameRate r23_976{24000, 1001}, r24{24, 1}, r25{25, 1}, r29_97{30000, 1001}, r30{30, 1},
    r59_94{60000, 1001};

// The time of frame k as herlens prints it: its start, to the millisecond.
double printed_time(int64_t k, FrameRate rate) {
  return static_cast<double>(milliseconds(static_cast<double>(k) * rate.den / rate.num)) / 1000;
}

}  // namespace

TEST_CASE("timecode: clock times to the millisecond, with SubRip's comma") {
  CHECK(timecode(3723.4567) == "01:02:03.457");
  CHECK(timecode(3723.4567, ',') == "01:02:03,457");
  CHECK(timecode(59.9996) == "00:01:00.000");
  CHECK(timecode(-0.2) == "00:00:00.000");
  CHECK(milliseconds(1.0005) == 1001);
}

TEST_CASE("timecode: every frame's printed time maps back to that frame, at every standard rate") {
  for (const FrameRate rate : {r23_976, r24, r25, r29_97, r30, r59_94, FrameRate{120000, 1001}}) {
    CAPTURE(rate.num);
    // Three hours of frames, every 7th (all residues of the ms rounding come round).
    for (int64_t k = 0; k < 3 * 3600 * 60; k += 7) REQUIRE(frame_at(printed_time(k, rate), rate) == k);
  }
}

TEST_CASE("timecode: 23.976, 24, 25 and 30 count frames without dropping any") {
  CHECK(smpte(0, r23_976) == "00:00:00:00");
  CHECK(smpte(23, r23_976) == "00:00:00:23");
  CHECK(smpte(24, r23_976) == "00:00:01:00");  // 1.001 s of film: 23.976 counts 24 a timecode second
  CHECK(smpte(86400, r23_976) == "01:00:00:00");
  CHECK(frame_at(3600, r23_976) == 86314);       // so an hour of film reads 00:59:56:10
  CHECK(smpte(86314, r23_976) == "00:59:56:10");
  CHECK(smpte(1439, r24) == "00:00:59:23");
  CHECK(smpte(frame_at(3600, r24), r24) == "01:00:00:00");
  CHECK(smpte(frame_at(4.04, r25), r25) == "00:00:04:01");
  CHECK(smpte(frame_at(3600, r25), r25) == "01:00:00:00");
  CHECK(smpte(1800, r30) == "00:01:00:00");
  CHECK(smpte(frame_at(5025.5, r30), r30) == "01:23:45:15");
  CHECK_FALSE(r23_976.drop_frame());
  CHECK_FALSE(r30.drop_frame());
}

TEST_CASE("timecode: 29.97 drop-frame skips 00 and 01 each minute but every tenth, with a semicolon") {
  CHECK(r29_97.drop_frame());
  CHECK(r29_97.timecode_base() == 30);
  CHECK(smpte(0, r29_97) == "00:00:00;00");
  CHECK(smpte(1799, r29_97) == "00:00:59;29");
  CHECK(smpte(1800, r29_97) == "00:01:00;02");
  CHECK(smpte(3597, r29_97) == "00:01:59;29");
  CHECK(smpte(3598, r29_97) == "00:02:00;02");
  CHECK(smpte(17981, r29_97) == "00:09:59;29");
  CHECK(smpte(17982, r29_97) == "00:10:00;00");  // the tenth minute keeps its 00
  CHECK(smpte(17983, r29_97) == "00:10:00;01");
  // Drop-frame keeps step with the clock: an hour of film reads one hour.
  CHECK(frame_at(3600, r29_97) == 107892);
  CHECK(smpte(107892, r29_97) == "01:00:00;00");
}

TEST_CASE("timecode: 59.94 drop-frame skips 00 to 03 each minute but every tenth") {
  CHECK(r59_94.drop_frame());
  CHECK(smpte(3599, r59_94) == "00:00:59;59");
  CHECK(smpte(3600, r59_94) == "00:01:00;04");
  CHECK(smpte(35963, r59_94) == "00:09:59;59");
  CHECK(smpte(35964, r59_94) == "00:10:00;00");
  CHECK(smpte(frame_at(3600, r59_94), r59_94) == "01:00:00;00");
}

TEST_CASE("timecode: the counting rate is the base rate, snapped to a standard one, or the average when it varies") {
  CHECK(timecode_rate(Ratio{24000, 1001}, false, 23.9) == r23_976);
  CHECK(timecode_rate(Ratio{24, 1}, false, 24) == r24);  // 0.1% from 23.976, and not it
  CHECK(timecode_rate(Ratio{30, 1}, false, 30) == r30);
  CHECK(timecode_rate(Ratio{2997, 100}, false, 29.97) == r29_97);    // a rounded 29.97 is 30000/1001
  CHECK(timecode_rate(Ratio{25, 2}, false, 12.5) == FrameRate{25, 2});  // kept exact
  CHECK(timecode_rate(Ratio{90000, 1}, false, 25.0) == r25);         // a time base, not a rate
  // Variable frame rate: the average, snapped when it is near a standard rate, else whole frames.
  CHECK(timecode_rate(Ratio{30, 1}, true, 23.98) == r23_976);
  CHECK(timecode_rate(Ratio{30, 1}, true, 29.6) == r29_97);
  CHECK(timecode_rate(Ratio{120, 1}, true, 17.4) == FrameRate{17, 1});
  CHECK(timecode_rate(Ratio{0, 1}, true, 0) == r25);
}

TEST_CASE("timecode: a variable frame rate is counted by time at its average rate, not by frame index") {
  // A phone clip averaging 29.95 fps is counted at 29.97: a picture shown at 10.010 s is frame 300,
  // whatever its index.
  const FrameRate rate = timecode_rate(Ratio{90000, 1}, true, 29.95);
  CHECK(rate == r29_97);
  CHECK(frame_at(10.010, rate) == 300);
  CHECK(smpte(frame_at(10.010, rate), rate) == "00:00:10;00");
  // vfr.mkv of make-test-media (ten pictures 40 ms apart, then 120 ms apart) counted at 25: its
  // eleventh picture, at 0.48 s, is the twelfth frame.
  CHECK(smpte(frame_at(0.48, r25), r25) == "00:00:00:12");
}

TEST_CASE("parse_time: seconds, units and clock times as people type them") {
  using herlens::report::parse_time;
  CHECK(parse_time("0") == 0);
  CHECK(parse_time("90") == 90);
  CHECK(parse_time("90.5") == doctest::Approx(90.5));
  CHECK(parse_time("1e3") == 1000);
  CHECK(parse_time("10s") == 10);
  CHECK(parse_time("2.5s") == doctest::Approx(2.5));
  CHECK(parse_time("2m") == 120);
  CHECK(parse_time("2min") == 120);
  CHECK(parse_time("1m30s") == 90);
  CHECK(parse_time("1h") == 3600);
  CHECK(parse_time("1h2m3.5s") == doctest::Approx(3723.5));
  CHECK(parse_time("1:30") == 90);
  CHECK(parse_time("0:05.25") == doctest::Approx(5.25));
  CHECK(parse_time("01:02:03.5") == doctest::Approx(3723.5));
  CHECK(parse_time("100:00") == 6000);  // the first field may be large
  for (const char* bad : {"", "s", "abc", "-5", "+5", " 5", "5 ", "1:", ":30", "1:60", "1:2:3:4", "1.5:30",
                          "10x", "10ms", "1m30", "30s1m", "1s1s", "inf", "nan", "1e999", "1:30s", "0x10"}) {
    CAPTURE(bad);
    try {
      parse_time(bad);
      FAIL("expected an error");
    } catch (const herlens::Error& e) {
      CHECK(e.kind() == herlens::ErrorKind::usage);
      CHECK(std::string(e.what()).find("is not a time") != std::string::npos);
    }
  }
}
