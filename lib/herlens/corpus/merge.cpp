#include "herlens/corpus/merge.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "herlens/metrics/metric_catalog.hpp"
#include "herlens/report/atomic_file.hpp"
#include "herlens/report/charts.hpp"

namespace herlens::corpus {

namespace {

// The metrics the comparative claims are about, in the order the page shows them.
constexpr const char* compared_metrics[] = {"asl_seconds", "closeup_ratio", "blue_share", "warm_share",
                                            "voice_only_share"};

std::optional<double> year_of(const CorpusFilm& film, const std::vector<std::string>& columns) {
  const auto column = std::find(columns.begin(), columns.end(), "year");
  if (column == columns.end()) return std::nullopt;
  const std::string& text = film.film.metadata.at(size_t(column - columns.begin()));
  double year = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return year;
}

report::HtmlSection comparison_section(const CorpusTable& corpus) {
  report::HtmlSection section{"Films compared", "Each headline metric per analysed film (docs/metrics.md defines them).",
                              {}, {}, {}, {}, {}};
  const std::vector<std::string>& columns = corpus.manifest.metadata_columns;
  for (const char* name : compared_metrics) {
    const metrics::MetricDefinition* metric = metrics::find_metric(name);
    std::vector<report::Bar> bars;
    for (const CorpusFilm& film : corpus.films)
      if (const auto found = film.metrics.find(name); found != film.metrics.end())
        bars.push_back({film.label(columns), found->second});
    if (!bars.empty())
      section.pictures.push_back(report::bar_chart(fmt::format("{} ({})", name, metric->unit), bars));
  }
  return section;
}

std::optional<report::HtmlSection> by_year_section(const CorpusTable& corpus) {
  report::HtmlSection section{"Against year", "Each headline metric against the manifest's year column.", {}, {}, {}, {}, {}};
  for (const char* name : compared_metrics) {
    std::vector<report::Point2> points;
    for (const CorpusFilm& film : corpus.films) {
      const auto found = film.metrics.find(name);
      const std::optional<double> year = year_of(film, corpus.manifest.metadata_columns);
      if (found != film.metrics.end() && year) points.push_back({*year, found->second});
    }
    if (!points.empty())
      section.pictures.push_back(report::scatter_plot(fmt::format("{} against year", name), "year", points));
  }
  if (section.pictures.empty()) return std::nullopt;
  return section;
}

report::HtmlSection failures_section(const CorpusTable& corpus) {
  report::Table failures{"failures", {{"row"}, {"path"}, {"status"}, {"exit_code"}, {"message"}}, {}};
  for (const CorpusFilm& film : corpus.films)
    if (film.status != FilmStatus::analysed)
      failures.add_row({film.film.line, film.film.path, std::string(name(film.status)),
                        film.exit_code_cell(), film.message});
  const std::string explanation =
      failures.rows.empty() ? "Every film of the manifest was analysed."
                            : "Films not in the charts: the exit code is herlens report's (README, exit codes); "
                              "'not run' films have no finished run yet.";
  return {"Failures", explanation, {}, {}, {std::move(failures)}, {}, {}};
}

}  // namespace

report::HtmlPage corpus_page(const CorpusTable& corpus) {
  const auto analysed = std::count_if(corpus.films.begin(), corpus.films.end(),
                                      [](const CorpusFilm& f) { return f.status == FilmStatus::analysed; });
  report::HtmlPage page{"herlens corpus",
                        fmt::format("{}: {} films, {} analysed", corpus.manifest.source.string(), corpus.films.size(),
                                    analysed),
                        {},
                        1000,
                        false};
  page.sections.push_back(comparison_section(corpus));
  if (auto by_year = by_year_section(corpus)) page.sections.push_back(std::move(*by_year));
  page.sections.push_back(failures_section(corpus));
  page.sections.push_back({"Every film", "corpus.csv as a table.", {}, {}, {corpus_table(corpus)}, {}, {}});
  return page;
}

CorpusTable merge_corpus(const CorpusFolder& folder) {
  CorpusTable corpus = load_corpus(folder);
  report::write_file_atomically(folder.path() / "corpus.csv", report::to_csv(corpus_table(corpus)));
  report::write_file_atomically(folder.path() / "corpus.json", corpus_json(corpus).dump(2) + "\n");
  report::write_file_atomically(folder.path() / "corpus.html", report::render_html(corpus_page(corpus)));
  return corpus;
}

}  // namespace herlens::corpus
