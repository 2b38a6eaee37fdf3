#include "herlens/report/outputs.hpp"

#include "herlens/error.hpp"
#include "herlens/report/dialogue_report.hpp"
#include "herlens/report/shots_report.hpp"
#include "herlens/report/summary_json.hpp"

namespace herlens::report {

const Table* Outputs::main_table() const {
  return analyses.empty() || analyses.front().tables.empty() ? nullptr : &analyses.front().tables.front();
}

bool Outputs::has_picture(std::string_view name) const {
  for (const AnalysisOutputs& analysis : analyses)
    for (const Picture& picture : analysis.pictures)
      if (picture.name == name) return true;
  return false;
}

namespace {

AnalysisOutputs outputs_of(const metrics::FilmSummary& summary, metrics::Analysis analysis,
                           const WriterOptions& options) {
  switch (analysis) {
    case metrics::Analysis::shots:
      return {analysis, shots_tables(*summary.shots), boundary_strips(*summary.shots)};
    case metrics::Analysis::palette:
      return {analysis, palette_tables(*summary.palette), palette_pictures(*summary.palette, options.palette)};
    case metrics::Analysis::framing:
      return {analysis, framing_tables(*summary.framing, options.framing),
              contact_sheets(*summary.framing, options.framing)};
    case metrics::Analysis::dialogue:
      return {analysis, dialogue_tables(*summary.dialogue), dialogue_pictures(*summary.dialogue)};
  }
  throw Error(ErrorKind::internal, "an analysis without writers");
}

}  // namespace

Outputs outputs_of(const metrics::FilmSummary& summary, const WriterOptions& options) {
  Outputs outputs;
  for (const metrics::Analysis analysis : summary.analyses)
    outputs.analyses.push_back(outputs_of(summary, analysis, options));
  outputs.summary = summary_json(summary);
  return outputs;
}

}  // namespace herlens::report
