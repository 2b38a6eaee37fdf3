#pragma once
// Every headline figure herlens reports, with its documented name, unit and definition.
// `herlens check` claims name these; `herlens report` writes them into summary.json "metrics".
#include <optional>
#include <span>
#include <string_view>

#include "herlens/report/json.hpp"

namespace herlens::report {

struct MetricDefinition {
  std::string_view name;        // what claims use: "blue_share"
  std::string_view part;        // the analysis that measures it: runtime, shots, palette, framing, dialogue
  std::string_view key;         // its key in that part's summary
  std::string_view unit;        // "fraction", "seconds", "minutes", "count", ...
  std::string_view definition;  // one sentence
};

std::span<const MetricDefinition> metric_catalog();
const MetricDefinition* find_metric(std::string_view name);

// The value of a metric in a summary holding the parts' sections ({"shots": {...}, ...}).
std::optional<double> metric_value(const json::Value& summary, const MetricDefinition& metric);

// {"name": {"value": v, "unit": u, "definition": d}} for every metric the summary has.
json::Value metrics_object(const json::Value& summary);

}  // namespace herlens::report
