#pragma once
// A corpus as one table: a row per manifest row with its metadata, how its run ended and every
// catalogued metric, read from the corpus folder (what corpus merge writes and check --corpus
// judges).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "herlens/claims/claim.hpp"
#include "herlens/corpus/corpus_folder.hpp"
#include "herlens/report/table.hpp"

namespace herlens::corpus {

enum class FilmStatus { analysed, failed, not_run };
std::string_view name(FilmStatus status);  // "analysed", "failed", "not run"

struct CorpusFilm {
  ManifestFilm film;
  FilmStatus status = FilmStatus::not_run;
  std::optional<int> exit_code;  // none: not run
  std::string message;           // why it failed
  std::vector<std::string> warnings;
  std::map<std::string, double> metrics;  // from its report's summary.json

  // The title column when the manifest has one, else the file's name.
  std::string label(const std::vector<std::string>& metadata_columns) const;
  report::Cell exit_code_cell() const;  // empty when not run
};

struct CorpusTable {
  Manifest manifest;
  std::vector<CorpusFilm> films;  // manifest order
};

// Reads the folder's manifest copy, records and reports. Throws Error(input) when `folder` holds
// no manifest copy; a film whose report cannot be read counts as failed, with the reason.
CorpusTable load_corpus(const CorpusFolder& folder);

// row, path, film, status, exit_code, message, the manifest's metadata, every catalogued metric.
report::Table corpus_table(const CorpusTable& corpus);
// {"films": [{row fields, "metadata": {...}, "metrics": {...}}], "counts": {...}}
nlohmann::ordered_json corpus_json(const CorpusTable& corpus);

// Each claim judged over the corpus's analysed films: an aggregate claim once, over every film
// with a value; a claim about one film for each film with a value (its text prefixed by the
// film's label). Throws Error(usage) for an unknown metric or one no film has a value for.
std::vector<claims::Verdict> judge_corpus(const std::vector<claims::Claim>& claims, const CorpusTable& corpus);

}  // namespace herlens::corpus
