#include "herlens/report/report_page.hpp"

#include <fmt/format.h>

#include "herlens/report/metric_catalog.hpp"

namespace herlens::report {

namespace {

std::string_view heading(Part part) {
  switch (part) {
    case Part::shots: return "Shots";
    case Part::palette: return "Colour";
    case Part::framing: return "Framing";
    case Part::dialogue: return "Dialogue";
  }
  return "";
}

std::string_view explanation(Part part) {
  switch (part) {
    case Part::shots:
      return "Every shot from its first to its last frame, found from picture changes: hard cuts, "
             "dissolves and fades to or from black. ASL is the mean shot length, MSL the median; the "
             "longest takes are listed with timecodes.";
    case Part::palette:
      return "Colours measured in CIE L*a*b* on the active picture (letterbox bars excluded). A family's "
             "share is the fraction of all analysed pixels in it; warm is pink, red, orange/brown and "
             "yellow; pastel pixels are light (L* >= 70) and soft (10 <= C* < 35). The barcode shows the "
             "film's colour over time, one column per slice, never mixing two shots.";
    case Part::framing:
      return "Faces found by a trained detector (BlazeFace) on frames sampled in every shot. A shot's "
             "scale comes from the height of its largest face relative to the active picture: ECU, CU, "
             "MCU, MS, MLS, LS, ELS, or none when no face is seen.";
    case Part::dialogue:
      return "Speech found in the soundtrack by a trained voice detector (Silero VAD), on the centre "
             "channel of surround mixes. Voice-only dialogue is speech heard while no face is on "
             "screen: over a black picture or over shots without a detected face.";
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

std::vector<Figure> figures_of(const FilmReport& report, std::string_view part) {
  std::vector<Figure> figures;
  for (const MetricDefinition& metric : metric_catalog()) {
    if (metric.part != part) continue;
    const std::optional<double> value = metric_value(report.summary, metric);
    if (!value) continue;
    figures.push_back({std::string(metric.name), formatted(*value, metric.unit), std::string(metric.definition)});
  }
  return figures;
}

}  // namespace

HtmlPage report_page(const FilmReport& report) {
  HtmlPage page;
  page.title = "herlens report: " + std::filesystem::path(report.input).filename().string();
  page.subtitle = fmt::format("{} · {:.1f} minutes · {} frames decoded{}", report.input,
                              report.runtime_seconds / 60.0, report.pass.stats.video_frames,
                              report.pass.stats.decode_errors > 0
                                  ? fmt::format(" · {} decode errors", report.pass.stats.decode_errors)
                                  : "");
  HtmlSection overview{"Overview", "The headline figures, under the names `herlens check` claims use.",
                       figures_of(report, "runtime"), {}, {}};
  page.sections.push_back(std::move(overview));
  for (const PartReport& part : report.parts) {
    HtmlSection section;
    section.heading = std::string(heading(part.part));
    section.explanation = std::string(explanation(part.part));
    section.figures = figures_of(report, name(part.part));
    for (const Picture& picture : part.outputs.pictures) section.pictures.push_back(picture.image);
    section.tables.push_back(part.outputs.main);
    page.sections.push_back(std::move(section));
  }
  return page;
}

}  // namespace herlens::report
