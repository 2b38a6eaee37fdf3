#pragma once
// summary.json: a FilmSummary as JSON (docs/report.md); saved_report.hpp reads it back.
#include <nlohmann/json.hpp>

#include "herlens/metrics/film_summary.hpp"

namespace herlens::report {

// input, input_path, runtime, timeline, decode, one object per analysis that ran, skipped, metrics (every
// catalogued metric the summary has: value, unit, definition) and provenance. Keys keep this order.
nlohmann::ordered_json summary_json(const metrics::FilmSummary& summary);

}  // namespace herlens::report
