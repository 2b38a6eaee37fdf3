#pragma once
// Claims about a film, as `herlens check` reads them: a summary metric compared with a number.
//   blue_share < 0.05
//   runtime_minutes == 125 +- 1        (also written ±)
//   closeup_ratio >= 0.4 "many close-ups of faces"
//   median(asl_seconds) > 5            (over a corpus: median, mean, min or max over its films)
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace herlens::claims {

enum class Comparison { less, less_equal, greater, greater_equal, equal, not_equal };

enum class Aggregate { none, median, mean, min, max };

struct Claim {
  std::string metric;
  Aggregate aggregate = Aggregate::none;  // none: a claim about one film (each film of a corpus)
  Comparison comparison = Comparison::equal;
  double value = 0;
  double tolerance = 0;     // for == and != : |measured - value| <= tolerance counts as equal
  std::string description;  // optional, from a quoted string after the claim
  std::string text;         // the claim's expression as written (no description), for reports
  int line = 0;             // line number in a claims file, 0 for --claim
};

// Parses one claim; throws Error(usage) saying what is wrong and where.
Claim parse_claim(const std::string& text);

// Parses a claims file: one claim per line, blank lines and '#' comments ignored.
// Errors name the line number.
std::vector<Claim> parse_claims_file(const std::string& contents);

struct Verdict {
  Claim claim;
  double measured = 0;
  bool holds = false;
};

// The measured value of a metric, or nullopt when the summary has no such metric.
using MetricLookup = std::function<std::optional<double>(const std::string& name)>;

// Evaluates every claim; throws Error(usage) naming the first metric without a value.
std::vector<Verdict> evaluate(const std::vector<Claim>& claims, const MetricLookup& lookup);

std::string symbol(Comparison comparison);

// The aggregate of `values` (not empty); median of an even count: the mean of the middle two.
double aggregate(Aggregate aggregate, std::vector<double> values);

}  // namespace herlens::claims
