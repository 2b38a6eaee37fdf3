#pragma once
// summary.json: a FilmSummary as JSON (docs/report.md), and the metrics read back from a saved one
// (`herlens check --from DIR`).
#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "herlens/metrics/film_summary.hpp"

namespace herlens::report {

// input, runtime, timeline, decode, one object per analysis that ran, skipped, metrics (every catalogued
// metric the summary has: value, unit, definition) and provenance. Keys keep this order.
nlohmann::ordered_json summary_json(const metrics::FilmSummary& summary);

// name -> value of every metric a saved summary.json lists. Throws Error(input) when the file
// cannot be read or is not a herlens summary.
std::map<std::string, double> saved_metrics(const std::filesystem::path& summary_file);

}  // namespace herlens::report
