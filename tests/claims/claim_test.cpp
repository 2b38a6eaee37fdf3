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
  CHECK(claim.metric == "runtime_minutes");
  CHECK(claim.comparison == Comparison::equal);
  CHECK(claim.value == 125);
  CHECK(claim.tolerance == 1);
  CHECK(claim.description == "125 minutes (another source: 2 h 6 min)");
  CHECK(claim.text == "runtime_minutes == 1.25e2 +- 1");
}

TEST_CASE("claims: malformed claims are usage errors that say what is wrong") {
  for (const char* bad : {"", "blue_share", "blue_share <", "blue_share < x", "< 0.05",
                          "blue_share =< 0.05", "blue_share < 0.05 +- 0.01", "m == 1 +- -1",
                          "m == 1 \"open", "m < 1 extra", "m < nan", "m < inf"}) {
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
  CHECK(claims[1].metric == "asl_seconds");
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
  CHECK(median.aggregate == Aggregate::median);
  CHECK(median.metric == "asl_seconds");
  CHECK(median.text == "median( asl_seconds ) > 5");
  CHECK(median.description == "cut slowly");
  CHECK(parse_claim("asl_seconds > 5").aggregate == Aggregate::none);
  CHECK_THROWS_AS(parse_claim("mode(asl_seconds) > 5"), herlens::Error);
  CHECK_THROWS_AS(parse_claim("median(asl_seconds > 5"), herlens::Error);
  CHECK(aggregate(Aggregate::median, {3, 1, 2}) == 2);
  CHECK(aggregate(Aggregate::median, {4, 1, 3, 2}) == 2.5);
  CHECK(aggregate(Aggregate::mean, {1, 2, 6}) == 3);
  CHECK(aggregate(Aggregate::min, {2, -1, 5}) == -1);
  CHECK(aggregate(Aggregate::max, {2, -1, 5}) == 5);
}
