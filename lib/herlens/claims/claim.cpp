#include "herlens/claims/claim.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <sstream>

#include <fmt/format.h>

#include "herlens/error.hpp"

namespace herlens::claims {

namespace {

class ClaimParser {
 public:
  ClaimParser(const std::string& text, int line) : text_(text), line_(line) {}

  Claim parse() {
    Claim claim;
    claim.line = line_;
    skip_space();
    claim.metric = identifier();
    skip_space();
    if (consume("(")) {
      claim.aggregate = aggregate_named(claim.metric);
      skip_space();
      claim.metric = identifier();
      skip_space();
      if (!consume(")")) fail("expected ')' after the metric");
      skip_space();
    }
    claim.comparison = comparison();
    skip_space();
    claim.value = number("a number to compare with");
    skip_space();
    if (consume("+-") || consume("\xC2\xB1")) {  // "+-" or "±"
      if (claim.comparison != Comparison::equal && claim.comparison != Comparison::not_equal)
        fail("a tolerance (+-) goes only with == or !=");
      skip_space();
      claim.tolerance = number("a tolerance after +-");
      if (claim.tolerance < 0) fail("the tolerance must not be negative");
      skip_space();
    }
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

  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }

  bool consume(std::string_view token) {
    if (text_.compare(pos_, token.size(), token) != 0) return false;
    pos_ += token.size();
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
    fail(fmt::format("unknown aggregate '{}' (choose from median, mean, min, max)", name));
  }

  Comparison comparison() {
    // Longest operators first so "<=" is not read as "<".
    if (consume("<=")) return Comparison::less_equal;
    if (consume(">=")) return Comparison::greater_equal;
    if (consume("==")) return Comparison::equal;
    if (consume("!=")) return Comparison::not_equal;
    if (consume("<")) return Comparison::less;
    if (consume(">")) return Comparison::greater;
    fail("expected one of < <= > >= == !=");
  }

  double number(const char* what) {
    const char* begin = text_.c_str() + pos_;
    char* end = nullptr;
    const double value = std::strtod(begin, &end);
    if (end == begin || !std::isfinite(value)) fail(fmt::format("expected {}", what));
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

bool compare(double measured, const Claim& claim) {
  switch (claim.comparison) {
    case Comparison::less: return measured < claim.value;
    case Comparison::less_equal: return measured <= claim.value;
    case Comparison::greater: return measured > claim.value;
    case Comparison::greater_equal: return measured >= claim.value;
    case Comparison::equal: return std::abs(measured - claim.value) <= claim.tolerance;
    case Comparison::not_equal: return std::abs(measured - claim.value) > claim.tolerance;
  }
  return false;
}

}  // namespace

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
    const std::optional<double> measured = lookup(claim.metric);
    if (!measured)
      throw Error(ErrorKind::usage,
                  fmt::format("no measured value for metric '{}' in claim '{}'", claim.metric, claim.text));
    verdicts.push_back({claim, *measured, compare(*measured, claim)});
  }
  return verdicts;
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
