#include "herlens/report/report_page.hpp"

#include <fmt/format.h>

#include "herlens/metrics/metric_catalog.hpp"

namespace herlens::report {

namespace {

using metrics::Analysis;

std::string_view heading(Analysis analysis) {
  switch (analysis) {
    case Analysis::shots: return "Shots";
    case Analysis::palette: return "Colour";
    case Analysis::framing: return "Framing";
    case Analysis::dialogue: return "Dialogue";
  }
  return "";
}

std::string explanation(Analysis analysis, const metrics::FilmSummary& summary) {
  switch (analysis) {
    case Analysis::shots:
      return fmt::format("Every shot from its first to its last frame, {}. ASL is the mean shot length, MSL "
                         "the median; the longest takes are listed with timecodes.",
                         summary.provenance.shot_list
                             ? fmt::format("as listed in {} (given with --shots, not detected)",
                                           summary.provenance.shot_list->path)
                             : "found from picture changes: hard cuts, dissolves and fades to or from black");
    case Analysis::palette:
      return "Colours measured in CIE L*a*b* on the active picture (letterbox bars excluded). A family's "
             "share is the fraction of all analysed pixels in it; warm is pink, red, orange/brown and "
             "yellow; pastel pixels are light (L* >= 70) and soft (10 <= C* < 35). The barcode shows the "
             "film's colour over time, one column per slice, never mixing two shots.";
    case Analysis::framing:
      return "Faces found by a trained detector (BlazeFace) on frames sampled in every shot. A shot's "
             "scale comes from the height of its largest face relative to the active picture: ECU, CU, "
             "MCU, MS, MLS, LS, ELS, or none when no face is seen.";
    case Analysis::dialogue:
      return "Speech found in the soundtrack by a trained voice detector (Silero VAD), on the centre "
             "channel of surround mixes. Voice-only dialogue is speech heard while no face on screen "
             "speaks: over a black picture, over shots without a detected face, or over a listener "
             "(faces whose mouths, read by FaceMesh, stay still while the voice speaks).";
  }
  return "";
}

std::string formatted(double value, std::string_view unit) {
  if (unit == "fraction") return fmt::format("{:.1f}%", value * 100);
  if (unit == "count") return fmt::format("{:.0f}", value);
  if (unit == "seconds") return fmt::format("{:.1f} s", value);
  if (unit == "minutes") return fmt::format("{:.2f} min", value);
  return fmt::format("{:.2f} {}", value, unit);
}

std::vector<Figure> figures_of(const metrics::FilmSummary& summary, std::optional<Analysis> analysis) {
  std::vector<Figure> figures;
  for (const metrics::MetricDefinition& metric : metrics::metric_catalog()) {
    if (metric.analysis != analysis) continue;
    const std::optional<double> value = metric.value(summary);
    if (!value) continue;
    figures.push_back({metric.name, formatted(*value, metric.unit), metric.definition});
  }
  return figures;
}

}  // namespace

HtmlPage report_page(const metrics::FilmSummary& summary, const Outputs& outputs) {
  HtmlPage page;
  page.title = "herlens report: " + std::filesystem::path(summary.input).filename().string();
  page.subtitle = fmt::format("{} · {:.1f} minutes · {} frames decoded{}", summary.input,
                              summary.runtime_seconds() / 60.0, summary.decode.video_frames,
                              summary.decode.decode_errors > 0
                                  ? fmt::format(" · {} decode errors", summary.decode.decode_errors)
                                  : "");
  std::string overview = "The headline figures, under the names `herlens check` claims use.";
  for (const metrics::SkippedAnalysis& skipped : summary.skipped)
    overview += fmt::format(" Not analysed: {} ({}).", metrics::name(skipped.analysis), skipped.reason);
  page.sections.push_back({"Overview", overview, figures_of(summary, std::nullopt), {}, {}});
  for (const AnalysisOutputs& analysis : outputs.analyses) {
    HtmlSection section;
    section.heading = std::string(heading(analysis.analysis));
    section.explanation = explanation(analysis.analysis, summary);
    section.figures = figures_of(summary, analysis.analysis);
    for (const Picture& picture : analysis.pictures) section.pictures.push_back(picture.image);
    if (!analysis.tables.empty()) section.tables.push_back(analysis.tables.front());
    page.sections.push_back(std::move(section));
  }
  return page;
}

}  // namespace herlens::report
