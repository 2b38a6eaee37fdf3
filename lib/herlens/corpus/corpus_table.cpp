#include "herlens/corpus/corpus_table.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/metrics/metric_catalog.hpp"
#include "herlens/report/saved_report.hpp"

namespace herlens::corpus {

std::string_view name(FilmStatus status) {
  switch (status) {
    case FilmStatus::analysed: return "analysed";
    case FilmStatus::failed: return "failed";
    case FilmStatus::not_run: return "not run";
  }
  return "?";
}

report::Cell CorpusFilm::exit_code_cell() const {
  if (!exit_code) return {};
  return int64_t(*exit_code);
}

std::string CorpusFilm::label(const std::vector<std::string>& metadata_columns) const {
  const auto title = std::find(metadata_columns.begin(), metadata_columns.end(), "title");
  if (title != metadata_columns.end()) {
    const std::string& text = film.metadata.at(size_t(title - metadata_columns.begin()));
    if (!text.empty()) return text;
  }
  const std::string file = std::filesystem::path(film.path).filename().string();
  return file.empty() ? fmt::format("line {}", film.line) : file;
}

CorpusTable load_corpus(const CorpusFolder& folder) {
  CorpusTable corpus{folder.read_manifest(), {}};
  for (const ManifestFilm& film : corpus.manifest.films) {
    CorpusFilm row{film, FilmStatus::not_run, std::nullopt, {}, {}, {}};
    if (film.problem) {
      row.status = FilmStatus::failed;
      row.exit_code = exit_code(film.problem->kind);
      row.message = film.problem->message;
    } else if (const std::optional<FilmRecord> record = folder.read_record(film.id)) {
      row.exit_code = record->exit_code;
      row.message = record->message;
      row.warnings = record->warnings;
      row.status = record->exit_code == 0 ? FilmStatus::analysed : FilmStatus::failed;
      if (row.status == FilmStatus::analysed) {
        try {
          row.metrics = report::SavedReport::read(folder.film_report(film.id)).metrics();
        } catch (const Error& e) {
          row.status = FilmStatus::failed;
          row.exit_code = exit_code(e.kind());
          row.message = fmt::format("its report cannot be read: {}", e.what());
        }
      }
    }
    corpus.films.push_back(std::move(row));
  }
  return corpus;
}

report::Table corpus_table(const CorpusTable& corpus) {
  report::Table table{"corpus", {{"row"}, {"path"}, {"film"}, {"status"}, {"exit_code"}, {"message"}}, {}};
  for (const std::string& column : corpus.manifest.metadata_columns) table.columns.push_back({column});
  for (const metrics::MetricDefinition& metric : metrics::metric_catalog()) table.columns.push_back({metric.name, 6});
  for (const CorpusFilm& film : corpus.films) {
    std::vector<report::Cell> row{film.film.line, film.film.path, film.film.id, std::string(name(film.status)),
                                  film.exit_code_cell(), film.message};
    for (const std::string& value : film.film.metadata) row.emplace_back(value);
    for (const metrics::MetricDefinition& metric : metrics::metric_catalog()) {
      const auto found = film.metrics.find(metric.name);
      if (found == film.metrics.end()) row.emplace_back();
      else row.emplace_back(found->second);
    }
    table.add_row(std::move(row));
  }
  return table;
}

nlohmann::ordered_json corpus_json(const CorpusTable& corpus) {
  nlohmann::ordered_json films = nlohmann::ordered_json::array();
  std::map<FilmStatus, int> counts;
  for (const CorpusFilm& film : corpus.films) {
    ++counts[film.status];
    nlohmann::ordered_json metadata = nlohmann::ordered_json::object();
    for (size_t i = 0; i < corpus.manifest.metadata_columns.size(); ++i)
      metadata[corpus.manifest.metadata_columns[i]] = film.film.metadata.at(i);
    nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
    for (const metrics::MetricDefinition& metric : metrics::metric_catalog()) {
      const auto found = film.metrics.find(metric.name);
      metrics[metric.name] = found == film.metrics.end() ? nlohmann::ordered_json() : nlohmann::ordered_json(found->second);
    }
    films.push_back({{"row", film.film.line},
                     {"path", film.film.path},
                     {"film", film.film.id},
                     {"status", name(film.status)},
                     {"exit_code", film.exit_code ? nlohmann::ordered_json(*film.exit_code) : nlohmann::ordered_json()},
                     {"message", film.message},
                     {"warnings", film.warnings},
                     {"metadata", metadata},
                     {"metrics", metrics}});
  }
  return {{"manifest", corpus.manifest.source.string()},
          {"counts",
           {{"films", corpus.films.size()},
            {"analysed", counts[FilmStatus::analysed]},
            {"failed", counts[FilmStatus::failed]},
            {"not_run", counts[FilmStatus::not_run]}}},
          {"films", films}};
}

std::vector<claims::Verdict> judge_corpus(const std::vector<claims::Claim>& claims, const CorpusTable& corpus) {
  std::vector<claims::Verdict> verdicts;
  for (const claims::Claim& claim : claims) {
    claims::check_metrics(claim);
    const std::vector<claims::Operand> named = claim.metrics();
    const bool over_films = claim.about_many_films();
    if (over_films && std::any_of(named.begin(), named.end(),
                                  [](const claims::Operand& o) { return o.aggregate == claims::Aggregate::none; }))
      throw Error(ErrorKind::usage, fmt::format("claim '{}' mixes a metric of each film with an aggregate over films: "
                                                "write median(METRIC), mean(...), min(...) or max(...) throughout",
                                                claim.text));
    // Per metric, its value in every analysed film that has one.
    std::map<std::string, std::vector<double>> values;
    for (const claims::Operand& metric : named) {
      for (const CorpusFilm& film : corpus.films)
        if (const auto found = film.metrics.find(metric.metric);
            film.status == FilmStatus::analysed && found != film.metrics.end())
          values[metric.metric].push_back(found->second);
      if (values[metric.metric].empty())
        throw Error(ErrorKind::usage, fmt::format("no analysed film of the corpus has a value for '{}' (claim '{}')",
                                                  metric.metric, claim.text));
    }
    if (over_films) {
      const auto judged = claims::evaluate({claim}, [&](const std::string& key) -> std::optional<double> {
        for (const claims::Operand& metric : named)
          if (metric.key() == key) return claims::aggregate(metric.aggregate, values[metric.metric]);
        return std::nullopt;
      });
      verdicts.insert(verdicts.end(), judged.begin(), judged.end());
      continue;
    }
    for (const CorpusFilm& film : corpus.films) {
      if (film.status != FilmStatus::analysed) continue;
      // A film without one of the claim's metrics (an analysis its streams did not allow) is left out.
      if (std::any_of(named.begin(), named.end(),
                      [&film](const claims::Operand& o) { return !film.metrics.contains(o.metric); }))
        continue;
      claims::Claim about_film = claim;
      about_film.text = fmt::format("{}: {}", film.label(corpus.manifest.metadata_columns), claim.text);
      const auto judged = claims::evaluate({about_film}, [&film](const std::string& key) -> std::optional<double> {
        return film.metrics.at(key);
      });
      verdicts.insert(verdicts.end(), judged.begin(), judged.end());
    }
  }
  return verdicts;
}

}  // namespace herlens::corpus
