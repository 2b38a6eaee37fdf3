#pragma once
// Every headline figure herlens reports, with its documented name, unit and definition, bound to
// the FilmSummary field that holds it: `herlens check` claims name these, and every summary.json
// lists them under "metrics". A metric reads its field directly, so renaming a field breaks the
// build instead of silently dropping the metric.
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "herlens/metrics/film_summary.hpp"

namespace herlens::metrics {

struct MetricDefinition {
  std::string name;                   // what claims use: "blue_share"
  std::optional<Analysis> analysis;   // the analysis that measures it; none: every run does (runtime)
  std::string_view unit;              // "fraction", "seconds", "minutes", "count", ...
  std::string definition;             // one sentence
  // The value in a summary; nothing when the analysis did not run.
  std::function<std::optional<double>(const FilmSummary&)> value;
};

std::span<const MetricDefinition> metric_catalog();
const MetricDefinition* find_metric(std::string_view name);

}  // namespace herlens::metrics
