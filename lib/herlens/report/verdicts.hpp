#pragma once
// What `herlens check` prints: each claim with the measured value and its verdict, as text or
// JSON, and the list of metrics a claim can name.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "herlens/claims/claim.hpp"

namespace herlens::report {

// A line per claim (verdict, claim, measured value, description) and "N of M claims hold".
std::string verdicts_text(const std::vector<claims::Verdict>& verdicts);
// {"all_hold": bool, "claims": [{claim, metric, comparison, value, tolerance, description, measured, holds}]}
nlohmann::ordered_json verdicts_json(const std::vector<claims::Verdict>& verdicts);
// A line per catalogued metric: name, analysis, unit, definition.
std::string metric_list();

}  // namespace herlens::report
