#include <doctest/doctest.h>

#include <map>

#include "herlens/claims/claim.hpp"
#include "herlens/error.hpp"

using namespace herlens::claims;

namespace {

MetricLookup lookup_in(const std::map<std::string, double>& metrics) {
  return [metrics](const std::string& name) -> std::optional<double> {
    const auto it = metrics.find(name);
    if (it == metrics.end()) return std::nullopt;
    return it->second;
  };
}

bool holds(const std::string& claim, double measured) {
  return evaluate({parse_claim(claim)}, lookup_in({{"m", measured}})).at(0).holds;
}

}  // namespace

TEST_CASE("claims: every comparison, at and around its boundary") {
  CHECK(holds("m < 0.05", 0.049));
  CHECK_FALSE(holds("m < 0.05", 0.05));
  CHECK(holds("m <= 0.05", 0.05));
  CHECK(holds("m > 6", 6.01));
  CHECK_FALSE(holds("m > 6", 6));
  CHECK(holds("m >= 0.4", 0.4));
  CHECK_FALSE(holds("m >= 0.4", 0.3999));
  CHECK(holds("m == 125 +- 1", 126));
  CHECK(holds("m == 125 ± 1", 124));
  CHECK_FALSE(holds("m == 125 +- 1", 126.5));
  CHECK(holds("m != 125 +- 1", 127));
  CHECK(holds("m==3", 3));
  CHECK_FALSE(holds("m == 3", 3.0001));
}

TEST_CASE("claims: parsed parts, description and scientific notation") {
  const Claim claim = parse_claim("  runtime_minutes == 1.25e2 +- 1 \"125 minutes (another source: 2 h 6 min)\" ");
  REQUIRE(claim.single());
  CHECK(claim.single()->left.metric == "runtime_minutes");
  CHECK(claim.single()->comparison == Comparison::equal);
  CHECK(claim.single()->right.number == 125);
  CHECK(claim.single()->tolerance == 1);
  CHECK(claim.description == "125 minutes (another source: 2 h 6 min)");
  CHECK(claim.text == "runtime_minutes == 1.25e2 +- 1");
}

TEST_CASE("claims: malformed claims are usage errors that say what is wrong") {
  for (const char* bad : {"", "blue_share", "blue_share <", "< 0.05", "blue_share =< 0.05",
                          "blue_share < 0.05 +- 0.01", "m == 1 +- -1", "m == 1 \"open", "m < 1 extra", "1 < 2",
                          "m < 5 and", "m < 5 or or n > 1", "m < 5 and 1", "m == n +- k", "m < 5 %", "m < 5 anda n > 1"}) {
    CAPTURE(bad);
    try {
      parse_claim(bad);
      FAIL("expected an error");
    } catch (const herlens::Error& e) {
      CHECK(e.kind() == herlens::ErrorKind::usage);
      CHECK(std::string(e.what()).find("bad claim") != std::string::npos);
    }
  }
}

TEST_CASE("claims file: comments, blank lines, descriptions with #, line numbers in errors") {
  const auto claims = parse_claims_file(
      "# claims about Her\n"
      "\n"
      "blue_share < 0.05  \"blue almost entirely absent #1\"  # Critic A\r\n"
      "   asl_seconds > 6\n");
  REQUIRE(claims.size() == 2);
  CHECK(claims[0].description == "blue almost entirely absent #1");
  CHECK(claims[0].line == 3);
  CHECK(claims[1].metrics().at(0).metric == "asl_seconds");
  CHECK(claims[1].line == 4);
  try {
    parse_claims_file("blue_share < 0.05\nwarm_share >\n");
    FAIL("expected an error");
  } catch (const herlens::Error& e) {
    CHECK(std::string(e.what()).find("line 2") != std::string::npos);
  }
  CHECK_THROWS_AS(parse_claims_file("# only comments\n"), herlens::Error);
}

TEST_CASE("claims: an unknown metric is an error naming it") {
  try {
    evaluate({parse_claim("bleu_share < 0.05")}, lookup_in({{"blue_share", 0.01}}));
    FAIL("expected an error");
  } catch (const herlens::Error& e) {
    CHECK(e.kind() == herlens::ErrorKind::usage);
    CHECK(std::string(e.what()).find("bleu_share") != std::string::npos);
  }
}

TEST_CASE("claims: aggregates over films parse, and median, mean, min, max compute") {
  const Claim median = parse_claim(" median( asl_seconds ) > 5 \"cut slowly\"");
  CHECK(median.metrics().at(0).aggregate == Aggregate::median);
  CHECK(median.metrics().at(0).metric == "asl_seconds");
  CHECK(median.metrics().at(0).key() == "median(asl_seconds)");
  CHECK(median.about_many_films());
  CHECK(median.text == "median( asl_seconds ) > 5");
  CHECK(median.description == "cut slowly");
  CHECK_FALSE(parse_claim("asl_seconds > 5").about_many_films());
  CHECK_THROWS_AS(parse_claim("mode(asl_seconds) > 5"), herlens::Error);
  CHECK_THROWS_AS(parse_claim("median(asl_seconds > 5"), herlens::Error);
  CHECK(aggregate(Aggregate::median, {3, 1, 2}) == 2);
  CHECK(aggregate(Aggregate::median, {4, 1, 3, 2}) == 2.5);
  CHECK(aggregate(Aggregate::mean, {1, 2, 6}) == 3);
  CHECK(aggregate(Aggregate::min, {2, -1, 5}) == -1);
  CHECK(aggregate(Aggregate::max, {2, -1, 5}) == 5);
}

TEST_CASE("claims: percentages, two metrics compared, and / or with and binding tighter") {
  const MetricLookup film = lookup_in({{"warm_share", 0.68}, {"cool_share", 0.09}, {"blue_share", 0.092},
                                       {"asl_seconds", 6.7}});
  const auto verdict = [&film](const std::string& text) { return evaluate({parse_claim(text)}, film).at(0); };
  CHECK(verdict("blue_share < 10%").holds);
  CHECK_FALSE(verdict("blue_share < 5%").holds);
  CHECK(parse_claim("blue_share < 5%").single()->right.number == doctest::Approx(0.05));
  CHECK(parse_claim("blue_share < 5%").single()->right.percent);
  CHECK(verdict("blue_share == 9% +- 0.5%").holds);
  CHECK(verdict("warm_share > cool_share").holds);
  CHECK_FALSE(verdict("cool_share >= warm_share").holds);
  CHECK(verdict("warm_share == 0.7 +- 0.05").holds);
  CHECK(verdict("5% < blue_share").holds);  // the number may come first
  const auto both = verdict("warm_share > cool_share and asl_seconds > 6 \"warm and slow\"");
  CHECK(both.holds);
  REQUIRE(both.values.size() == 3);
  CHECK(both.values[0].first == "warm_share");
  CHECK(both.values[2] == std::pair<std::string, double>{"asl_seconds", 6.7});
  CHECK(both.measured == 0.68);
  CHECK(both.claim.description == "warm and slow");
  CHECK(both.claim.text == "warm_share > cool_share and asl_seconds > 6");
  CHECK_FALSE(verdict("warm_share > cool_share and asl_seconds > 7").holds);
  CHECK(verdict("asl_seconds > 7 or blue_share < 10%").holds);
  CHECK_FALSE(verdict("asl_seconds > 7 or blue_share < 5%").holds);
  // "a or b and c": a, or both b and c.
  CHECK(verdict("asl_seconds > 6 or blue_share < 5% and warm_share < 0.1").holds);
  CHECK_FALSE(verdict("asl_seconds > 7 or blue_share < 10% and warm_share < 0.1").holds);
  CHECK(parse_claim("asl_seconds > 7 or blue_share < 10% and warm_share < 0.1").any_of.size() == 2);
  // A metric named twice is looked up once.
  CHECK(verdict("blue_share > 1% and blue_share < 10%").values.size() == 1);
}

TEST_CASE("claims: metric names checked against the catalog, with a suggestion, and units must agree") {
  const auto message = [](const std::string& text) -> std::string {
    try {
      check_metrics(parse_claim(text));
    } catch (const herlens::Error& e) {
      CHECK(e.kind() == herlens::ErrorKind::usage);
      return e.what();
    }
    return "";
  };
  CHECK(message("blue_share < 5%").empty());
  CHECK(message("face_shot_time_ratio > 0.2").empty());
  CHECK(message("warm_share > cool_share").empty());
  CHECK(message("bleu_share < 0.05").find("did you mean 'blue_share'?") != std::string::npos);
  CHECK(message("blue_share < x").find("unknown metric 'x'") != std::string::npos);
  CHECK(message("m < nan").find("unknown metric 'm'") != std::string::npos);
  CHECK(message("asl_seconds > 5%").find("a percentage goes only with a fraction metric") != std::string::npos);
  CHECK(message("asl_seconds == 5 +- 1%").find("a percentage") != std::string::npos);
  CHECK(message("warm_share > asl_seconds").find("compare metrics of one unit") != std::string::npos);
  CHECK(message("median(asl_seconds) > 5 and warm_share > 0.5").empty());
}
