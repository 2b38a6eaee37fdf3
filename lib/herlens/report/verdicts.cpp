#include "herlens/report/verdicts.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "herlens/metrics/metric_catalog.hpp"

namespace herlens::report {

namespace {

// A verdict's measured value: the number alone for a claim about one metric, else each named.
std::string measured_text(const claims::Verdict& v) {
  if (v.values.size() == 1) return fmt::format("{:.4g}", v.measured);
  std::string out;
  for (const auto& [key, value] : v.values) out += fmt::format("{}{} {:.4g}", out.empty() ? "" : ", ", key, value);
  return out;
}

}  // namespace

std::string verdicts_text(const std::vector<claims::Verdict>& verdicts) {
  std::string out = fmt::format("{:<7} {:<44} {:>12}  {}\n", "verdict", "claim", "measured", "description");
  for (const claims::Verdict& v : verdicts)
    out += fmt::format("{:<7} {:<44} {:>12}  {}\n", v.holds ? "holds" : "FAILS", v.claim.text, measured_text(v),
                       v.claim.description);
  const auto failed = std::count_if(verdicts.begin(), verdicts.end(), [](const auto& v) { return !v.holds; });
  out += fmt::format("{} of {} claims hold\n", verdicts.size() - failed, verdicts.size());
  return out;
}

nlohmann::ordered_json verdicts_json(const std::vector<claims::Verdict>& verdicts) {
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const claims::Verdict& v : verdicts) {
    nlohmann::ordered_json result{{"claim", v.claim.text}};
    // A claim that is one metric against one number keeps its parts, as scripts read them.
    if (const claims::Condition* c = v.claim.single(); c && c->left.is_metric() && !c->right.is_metric()) {
      result["metric"] = c->left.key();
      result["comparison"] = claims::symbol(c->comparison);
      result["value"] = c->right.number;
      result["tolerance"] = c->tolerance;
    }
    nlohmann::ordered_json values = nlohmann::ordered_json::object();
    for (const auto& [key, value] : v.values) values[key] = value;
    result["description"] = v.claim.description;
    result["measured"] = v.measured;
    result["values"] = std::move(values);
    result["holds"] = v.holds;
    results.push_back(std::move(result));
  }
  const bool all_hold = std::all_of(verdicts.begin(), verdicts.end(), [](const auto& v) { return v.holds; });
  return {{"all_hold", all_hold}, {"claims", results}};
}

std::string metric_list() {
  std::string out;
  for (const metrics::MetricDefinition& m : metrics::metric_catalog())
    out += fmt::format("{:<28} {:<9} {:<10} {}\n", m.name, m.analysis ? metrics::name(*m.analysis) : "runtime", m.unit,
                       m.definition);
  return out;
}

}  // namespace herlens::report
