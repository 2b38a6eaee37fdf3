#include "herlens/report/verdicts.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "herlens/metrics/metric_catalog.hpp"

namespace herlens::report {

std::string verdicts_text(const std::vector<claims::Verdict>& verdicts) {
  std::string out = fmt::format("{:<7} {:<44} {:>12}  {}\n", "verdict", "claim", "measured", "description");
  for (const claims::Verdict& v : verdicts)
    out += fmt::format("{:<7} {:<44} {:>12.4g}  {}\n", v.holds ? "holds" : "FAILS", v.claim.text, v.measured,
                       v.claim.description);
  const auto failed = std::count_if(verdicts.begin(), verdicts.end(), [](const auto& v) { return !v.holds; });
  out += fmt::format("{} of {} claims hold\n", verdicts.size() - failed, verdicts.size());
  return out;
}

nlohmann::ordered_json verdicts_json(const std::vector<claims::Verdict>& verdicts) {
  nlohmann::ordered_json results = nlohmann::ordered_json::array();
  for (const claims::Verdict& v : verdicts)
    results.push_back({{"claim", v.claim.text},
                       {"metric", v.claim.metric},
                       {"comparison", claims::symbol(v.claim.comparison)},
                       {"value", v.claim.value},
                       {"tolerance", v.claim.tolerance},
                       {"description", v.claim.description},
                       {"measured", v.measured},
                       {"holds", v.holds}});
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
