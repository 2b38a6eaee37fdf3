#include "herlens/claims/claim.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/metrics/metric_catalog.hpp"
#include "herlens/suggest.hpp"

namespace herlens::claims {

namespace {

class ClaimParser {
 public:
  ClaimParser(const std::string& text, int line) : text_(text), line_(line) {}

  Claim parse() {
    Claim claim;
    claim.line = line_;
    skip_space();
    do {
      std::vector<Condition> all_of;
      do all_of.push_back(condition());
      while (keyword("and"));
      claim.any_of.push_back(std::move(all_of));
    } while (keyword("or"));
    const size_t expression_end = pos_;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      claim.description = quoted();
      skip_space();
    }
    if (pos_ != text_.size()) fail(fmt::format("unexpected '{}'", text_.substr(pos_)));
    const size_t expression_start = text_.find_first_not_of(" \t");
    claim.text = text_.substr(expression_start, text_.find_last_not_of(" \t", expression_end - 1) + 1 - expression_start);
    return claim;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    const std::string where = line_ > 0 ? fmt::format("line {}: ", line_) : "";
    throw Error(ErrorKind::usage, fmt::format("bad claim: {}'{}': {}", where, text_, what));
  }

  Condition condition() {
    Condition condition;
    condition.left = operand();
    condition.comparison = comparison();
    skip_space();
    condition.right = operand();
    if (!condition.left.is_metric() && !condition.right.is_metric())
      fail("a claim compares a metric: expected a metric name such as blue_share");
    if (consume("+-") || consume("\xC2\xB1")) {  // "+-" or "±"
      if (condition.comparison != Comparison::equal && condition.comparison != Comparison::not_equal)
        fail("a tolerance (+-) goes only with == or !=");
      skip_space();
      const Operand tolerance = operand();
      if (tolerance.is_metric()) fail("expected a number as the tolerance after +-");
      if (tolerance.number < 0) fail("the tolerance must not be negative");
      condition.tolerance = tolerance.number;
      condition.tolerance_percent = tolerance.percent;
    }
    return condition;
  }

  // A number (perhaps a percentage), a metric, or an aggregate of a metric; spaces after it skipped.
  Operand operand() {
    Operand operand;
    if (pos_ < text_.size() && (std::isalpha(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) {
      operand.metric = identifier();
      skip_space();
      if (consume("(")) {
        operand.aggregate = aggregate_named(operand.metric);
        skip_space();
        operand.metric = identifier();
        skip_space();
        if (!consume(")")) fail("expected ')' after the metric");
        skip_space();
      }
      return operand;
    }
    operand.number = number();
    if (consume("%")) {
      operand.percent = true;
      operand.number /= 100;
    }
    skip_space();
    return operand;
  }

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool consume(std::string_view token) {
    if (text_.compare(pos_, token.size(), token) != 0) return false;
    pos_ += token.size();
    return true;
  }

  // A whole word ("and", not "android"), and the spaces after it.
  bool keyword(std::string_view word) {
    const size_t after = pos_ + word.size();
    if (text_.compare(pos_, word.size(), word) != 0 ||
        (after < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[after])) || text_[after] == '_')))
      return false;
    pos_ = after;
    skip_space();
    return true;
  }

  std::string identifier() {
    const size_t start = pos_;
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
      ++pos_;
    if (pos_ == start) fail("expected a metric name such as blue_share");
    return text_.substr(start, pos_ - start);
  }

  Aggregate aggregate_named(const std::string& name) const {
    if (name == "median") return Aggregate::median;
    if (name == "mean") return Aggregate::mean;
    if (name == "min") return Aggregate::min;
    if (name == "max") return Aggregate::max;
    fail(fmt::format("unknown aggregate '{}' (choose from median, mean, min, max){}", name,
                     did_you_mean(name, {"median", "mean", "min", "max"})));
  }

  Comparison comparison() {
    // Longest operators first so "<=" is not read as "<".
    if (consume("<=")) return Comparison::less_equal;
    if (consume(">=")) return Comparison::greater_equal;
    if (consume("==")) return Comparison::equal;
    if (consume("!=")) return Comparison::not_equal;
    if (consume("<")) return Comparison::less;
    if (consume(">")) return Comparison::greater;
    if (pos_ == text_.size()) fail("expected one of < <= > >= == != after the metric");
    fail(fmt::format("expected one of < <= > >= == != before '{}'", text_.substr(pos_)));
  }

  double number() {
    const char* begin = text_.c_str() + pos_;
    char* end = nullptr;
    const double value = std::strtod(begin, &end);
    if (end == begin || !std::isfinite(value)) fail("expected a number or a metric to compare with");
    pos_ += static_cast<size_t>(end - begin);
    return value;
  }

  std::string quoted() {
    ++pos_;
    const size_t close = text_.find('"', pos_);
    if (close == std::string::npos) fail("unterminated quoted description");
    std::string description = text_.substr(pos_, close - pos_);
    pos_ = close + 1;
    return description;
  }

  const std::string& text_;
  int line_;
  size_t pos_ = 0;
};

bool compare(double left, const Condition& condition, double right) {
  switch (condition.comparison) {
    case Comparison::less: return left < right;
    case Comparison::less_equal: return left <= right;
    case Comparison::greater: return left > right;
    case Comparison::greater_equal: return left >= right;
    case Comparison::equal: return std::abs(left - right) <= condition.tolerance;
    case Comparison::not_equal: return std::abs(left - right) > condition.tolerance;
  }
  return false;
}

std::string_view aggregate_name(Aggregate aggregate) {
  switch (aggregate) {
    case Aggregate::median: return "median";
    case Aggregate::mean: return "mean";
    case Aggregate::min: return "min";
    case Aggregate::max: return "max";
    case Aggregate::none: break;
  }
  return "";
}

}  // namespace

std::string Operand::key() const {
  return aggregate == Aggregate::none ? metric : fmt::format("{}({})", aggregate_name(aggregate), metric);
}

std::vector<Operand> Claim::metrics() const {
  std::vector<Operand> found;
  for (const auto& all_of : any_of)
    for (const Condition& c : all_of)
      for (const Operand* operand : {&c.left, &c.right})
        if (operand->is_metric() && std::none_of(found.begin(), found.end(),
                                                 [&](const Operand& o) { return o.key() == operand->key(); }))
          found.push_back(*operand);
  return found;
}

bool Claim::about_many_films() const {
  const std::vector<Operand> named = metrics();
  return std::any_of(named.begin(), named.end(), [](const Operand& o) { return o.aggregate != Aggregate::none; });
}

const Condition* Claim::single() const {
  return any_of.size() == 1 && any_of.front().size() == 1 ? &any_of.front().front() : nullptr;
}

Claim parse_claim(const std::string& text) { return ClaimParser(text, 0).parse(); }

std::vector<Claim> parse_claims_file(const std::string& contents) {
  std::vector<Claim> claims;
  std::istringstream lines(contents);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    // A '#' outside a quoted description starts a comment.
    bool in_quotes = false;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '"') in_quotes = !in_quotes;
      if (line[i] == '#' && !in_quotes) {
        line.resize(i);
        break;
      }
    }
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    claims.push_back(ClaimParser(line, number).parse());
  }
  if (claims.empty()) throw Error(ErrorKind::usage, "the claims file holds no claim");
  return claims;
}

std::vector<Verdict> evaluate(const std::vector<Claim>& claims, const MetricLookup& lookup) {
  std::vector<Verdict> verdicts;
  for (const Claim& claim : claims) {
    Verdict verdict{claim, {}, 0, false};
    for (const Operand& metric : claim.metrics()) {
      const std::optional<double> measured = lookup(metric.key());
      if (!measured)
        throw Error(ErrorKind::usage,
                    fmt::format("no measured value for metric '{}' in claim '{}'", metric.key(), claim.text));
      verdict.values.emplace_back(metric.key(), *measured);
    }
    verdict.measured = verdict.values.front().second;
    const auto value = [&verdict](const Operand& operand) {
      if (!operand.is_metric()) return operand.number;
      for (const auto& [key, measured] : verdict.values)
        if (key == operand.key()) return measured;
      throw Error(ErrorKind::internal, "a claim's metric was not looked up");
    };
    verdict.holds = std::any_of(claim.any_of.begin(), claim.any_of.end(), [&value](const auto& all_of) {
      return std::all_of(all_of.begin(), all_of.end(), [&value](const Condition& c) {
        return compare(value(c.left), c, value(c.right));
      });
    });
    verdicts.push_back(std::move(verdict));
  }
  return verdicts;
}

void check_metrics(const Claim& claim) {
  std::vector<std::string> names;
  for (const metrics::MetricDefinition& metric : metrics::metric_catalog()) names.push_back(metric.name);
  const auto unit_of = [&](const Operand& operand) -> std::string_view {
    const metrics::MetricDefinition* metric = metrics::find_metric(operand.metric);
    if (!metric)
      throw Error(ErrorKind::usage, fmt::format("unknown metric '{}' in claim '{}'{}; herlens check --list-metrics "
                                                "names them all",
                                                operand.metric, claim.text, did_you_mean(operand.metric, names)));
    return metric->unit;
  };
  for (const auto& all_of : claim.any_of)
    for (const Condition& c : all_of) {
      const Operand& metric = c.left.is_metric() ? c.left : c.right;
      const Operand& other = c.left.is_metric() ? c.right : c.left;
      const std::string_view unit = unit_of(metric);
      if (other.is_metric() && unit_of(other) != unit)
        throw Error(ErrorKind::usage, fmt::format("claim '{}' compares {} ({}) with {} ({}): compare metrics of one unit",
                                                  claim.text, metric.metric, unit, other.metric, unit_of(other)));
      if ((other.percent || c.tolerance_percent) && unit != "fraction")
        throw Error(ErrorKind::usage, fmt::format("claim '{}': a percentage goes only with a fraction metric, and {} "
                                                  "is in {}",
                                                  claim.text, metric.metric, unit));
    }
}

std::string symbol(Comparison comparison) {
  switch (comparison) {
    case Comparison::less: return "<";
    case Comparison::less_equal: return "<=";
    case Comparison::greater: return ">";
    case Comparison::greater_equal: return ">=";
    case Comparison::equal: return "==";
    case Comparison::not_equal: return "!=";
  }
  return "?";
}

double aggregate(Aggregate aggregate, std::vector<double> values) {
  if (values.empty()) throw Error(ErrorKind::internal, "aggregate of no values");
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  switch (aggregate) {
    case Aggregate::median: return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    case Aggregate::min: return values.front();
    case Aggregate::max: return values.back();
    case Aggregate::mean: break;
    case Aggregate::none: throw Error(ErrorKind::internal, "aggregate of a claim about one film");
  }
  double sum = 0;
  for (const double value : values) sum += value;
  return sum / double(n);
}

}  // namespace herlens::claims
