#pragma once
// Claims about a film, as `herlens check` reads them: conditions on summary metrics, each a
// metric compared with a number or with another metric, joined by `and` / `or`.
//   blue_share < 0.05
//   blue_share < 5%                    (a percentage: fraction metrics only)
//   runtime_minutes == 125 +- 1        (also written ±)
//   warm_share > cool_share            (two metrics of the same unit)
//   closeup_ratio >= 0.4 and asl_seconds > 6 "many close-ups, held long"
//   median(asl_seconds) > 5            (over a corpus: median, mean, min or max over its films)
// `and` binds tighter than `or`: "a or b and c" holds when a holds or both b and c do.
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace herlens::claims {

enum class Comparison { less, less_equal, greater, greater_equal, equal, not_equal };

enum class Aggregate { none, median, mean, min, max };

// One side of a comparison: a metric (over a corpus perhaps aggregated) or a number.
struct Operand {
  std::string metric;                     // empty for a number
  Aggregate aggregate = Aggregate::none;  // none: the metric of one film
  double number = 0;                      // a percentage is held as its fraction: 5% -> 0.05
  bool percent = false;                   // written with '%'
  bool is_metric() const { return !metric.empty(); }
  // What a lookup is asked for: "asl_seconds", "median(asl_seconds)".
  std::string key() const;
};

struct Condition {
  Operand left;
  Comparison comparison = Comparison::equal;
  Operand right;
  double tolerance = 0;  // for == and != : |left - right| <= tolerance counts as equal
  bool tolerance_percent = false;
};

struct Claim {
  // Holds when every condition of some group holds: "a and b or c" is {{a, b}, {c}}.
  std::vector<std::vector<Condition>> any_of;
  std::string description;  // optional, from a quoted string after the claim
  std::string text;         // the claim's expression as written (no description), for reports
  int line = 0;             // line number in a claims file, 0 for --claim

  // Every metric operand, in the order written, each key once.
  std::vector<Operand> metrics() const;
  // Whether any operand aggregates over films (a claim about a corpus).
  bool about_many_films() const;
  // The single condition of a claim that is one comparison, else nullptr.
  const Condition* single() const;
};

// Parses one claim; throws Error(usage) saying what is wrong and where.
Claim parse_claim(const std::string& text);

// Parses a claims file: one claim per line, blank lines and '#' comments ignored.
// Errors name the line number.
std::vector<Claim> parse_claims_file(const std::string& contents);

// Checks every metric a claim names against the metric catalog: Error(usage) for an unknown name
// (suggesting the nearest one), a percentage compared with a metric that is no fraction, or two
// metrics of different units compared.
void check_metrics(const Claim& claim);

struct Verdict {
  Claim claim;
  std::vector<std::pair<std::string, double>> values;  // each metric operand's key and measured value
  double measured = 0;                                 // the first of them
  bool holds = false;
};

// The measured value of a metric operand by its key, or nullopt when there is none.
using MetricLookup = std::function<std::optional<double>(const std::string& key)>;

// Evaluates every claim; throws Error(usage) naming the first metric without a value.
std::vector<Verdict> evaluate(const std::vector<Claim>& claims, const MetricLookup& lookup);

std::string symbol(Comparison comparison);

// The aggregate of `values` (not empty); median of an even count: the mean of the middle two.
double aggregate(Aggregate aggregate, std::vector<double> values);

}  // namespace herlens::claims
