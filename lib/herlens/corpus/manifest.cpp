#include "herlens/corpus/manifest.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "herlens/metrics/csv.hpp"

namespace herlens::corpus {

namespace fs = std::filesystem;

namespace {

bool blank(const metrics::CsvRow& row) { return row.cells.size() == 1 && row.cells[0].empty(); }

// FNV-1a, 32 bits: enough to keep two films of the same name apart in one corpus.
uint32_t path_hash(const std::string& text) {
  uint32_t hash = 2166136261u;
  for (const unsigned char c : text) hash = (hash ^ c) * 16777619u;
  return hash;
}

}  // namespace

std::string film_id(const fs::path& absolute) {
  std::string name = absolute.filename().string();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') c = '_';
  if (name.size() > 60) name.resize(60);
  if (name.empty() || name.front() == '.') name.insert(0, "film");
  return fmt::format("{}-{:08x}", name, path_hash(absolute.string()));
}

std::vector<const ManifestFilm*> Manifest::analysable() const {
  std::vector<const ManifestFilm*> out;
  for (const ManifestFilm& film : films)
    if (!film.problem) out.push_back(&film);
  return out;
}

Manifest parse_manifest(std::string_view text, const fs::path& file) {
  const std::vector<metrics::CsvRow> rows = metrics::read_csv(text);
  Manifest manifest;
  manifest.source = fs::absolute(file).lexically_normal();
  auto header = std::find_if(rows.begin(), rows.end(), [](const metrics::CsvRow& row) { return !blank(row); });
  if (header == rows.end()) throw Error(ErrorKind::usage, fmt::format("{}: the manifest is empty", file.string()));
  std::vector<std::string> columns = header->cells;
  if (!columns.empty() && columns[0].rfind("\xEF\xBB\xBF", 0) == 0) columns[0].erase(0, 3);  // spreadsheet BOM
  const auto path_column = std::find(columns.begin(), columns.end(), "path");
  if (path_column == columns.end())
    throw Error(ErrorKind::usage,
                fmt::format("{}: the manifest's first row must name its columns, one of them 'path'", file.string()));
  const size_t path_index = size_t(path_column - columns.begin());
  for (size_t i = 0; i < columns.size(); ++i)
    if (i != path_index) manifest.metadata_columns.push_back(columns[i]);

  const fs::path base = manifest.source.parent_path();
  std::map<std::string, int64_t> first_line_of;  // absolute path -> line that named it first
  for (auto row = std::next(header); row != rows.end(); ++row) {
    if (blank(*row)) continue;
    ManifestFilm film;
    film.line = row->line;
    const auto unreadable = [&](const std::string& why) {
      film.problem = RowProblem{ErrorKind::usage, fmt::format("manifest line {}: {}", row->line, why)};
    };
    if (row->cells.size() != columns.size()) {
      unreadable(fmt::format("{} fields where the header has {}", row->cells.size(), columns.size()));
      film.path = path_index < row->cells.size() ? row->cells[path_index] : std::string();
      film.metadata.assign(manifest.metadata_columns.size(), "");
      manifest.films.push_back(std::move(film));
      continue;
    }
    film.path = row->cells[path_index];
    for (size_t i = 0; i < columns.size(); ++i)
      if (i != path_index) film.metadata.push_back(row->cells[i]);
    if (film.path.empty()) {
      unreadable("no path");
    } else {
      film.absolute = (base / film.path).lexically_normal();
      film.id = film_id(film.absolute);
      const auto [first, inserted] = first_line_of.emplace(film.absolute.string(), row->line);
      if (!inserted)
        film.problem = RowProblem{ErrorKind::usage, fmt::format("manifest line {}: {} is already listed on line {}",
                                                                row->line, film.path, first->second)};
    }
    manifest.films.push_back(std::move(film));
  }
  return manifest;
}

nlohmann::ordered_json Manifest::to_json() const {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const ManifestFilm& film : films) {
    nlohmann::ordered_json row{{"line", film.line}, {"path", film.path}, {"absolute", film.absolute.string()},
                               {"id", film.id}, {"metadata", film.metadata}};
    if (film.problem)
      row["problem"] = {{"exit_code", exit_code(film.problem->kind)}, {"message", film.problem->message}};
    rows.push_back(std::move(row));
  }
  return {{"manifest", source.string()}, {"metadata_columns", metadata_columns}, {"films", rows}};
}

Manifest Manifest::from_json(const nlohmann::json& json) {
  try {
    Manifest manifest;
    manifest.source = json.at("manifest").get<std::string>();
    manifest.metadata_columns = json.at("metadata_columns").get<std::vector<std::string>>();
    for (const auto& row : json.at("films")) {
      ManifestFilm film{row.at("line").get<int64_t>(), row.at("path").get<std::string>(),
                        row.at("absolute").get<std::string>(), row.at("id").get<std::string>(),
                        row.at("metadata").get<std::vector<std::string>>(), std::nullopt};
      if (row.contains("problem"))
        film.problem = RowProblem{ErrorKind::usage, row.at("problem").at("message").get<std::string>()};
      manifest.films.push_back(std::move(film));
    }
    return manifest;
  } catch (const nlohmann::json::exception& e) {
    throw Error(ErrorKind::input, fmt::format("the corpus folder's manifest copy is damaged: {}", e.what()));
  }
}

}  // namespace herlens::corpus
