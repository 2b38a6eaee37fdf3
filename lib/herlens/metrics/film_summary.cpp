#include "herlens/metrics/film_summary.hpp"

namespace herlens::metrics {

std::string_view name(Analysis analysis) {
  switch (analysis) {
    case Analysis::shots: return "shots";
    case Analysis::palette: return "palette";
    case Analysis::framing: return "framing";
    case Analysis::dialogue: return "dialogue";
  }
  return "?";
}

std::optional<Analysis> analysis_named(std::string_view text) {
  for (const Analysis analysis : all_analyses)
    if (name(analysis) == text) return analysis;
  return std::nullopt;
}

}  // namespace herlens::metrics
