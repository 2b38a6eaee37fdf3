#pragma once
// A corpus manifest: a CSV file with a `path` column naming each film and any other columns
// (title, year, director ...) carried into the corpus table as they are. Relative paths are taken
// from the manifest's own folder, so a manifest moves with its films.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "herlens/error.hpp"

namespace herlens::corpus {

// Why a manifest row cannot be analysed, decided from the manifest alone.
struct RowProblem {
  ErrorKind kind;       // usage: unreadable row or duplicate path
  std::string message;  // names the manifest line
};

struct ManifestFilm {
  int64_t line = 0;                   // line of the manifest the row starts on
  std::string path;                   // as written in the manifest
  std::filesystem::path absolute;     // resolved from the manifest's folder
  std::string id;                     // folder name under DIR/films: stable for the same file path
  std::vector<std::string> metadata;  // the other columns, in Manifest::metadata_columns order
  std::optional<RowProblem> problem;  // set: the row is reported as failed, never analysed
};

struct Manifest {
  std::filesystem::path source;               // the manifest file, absolute
  std::vector<std::string> metadata_columns;  // every column but `path`, in file order
  std::vector<ManifestFilm> films;            // one per data row, blank lines left out

  // Films to analyse (no problem), in manifest order.
  std::vector<const ManifestFilm*> analysable() const;

  // Round trip through the copy a corpus folder keeps (corpus-manifest.json), so `corpus merge`
  // needs only the folder.
  nlohmann::ordered_json to_json() const;
  static Manifest from_json(const nlohmann::json& json);  // Error(input) when malformed
};

// Parses the text of the manifest `file` (whose folder relative paths are taken from). Throws
// Error(usage) when it has no header with a `path` column; a bad row does not throw: it gets its
// RowProblem.
Manifest parse_manifest(std::string_view text, const std::filesystem::path& file);

// "basename-1a2b3c4d": the file's name (letters, digits, '-', '_', '.') and a hash of its
// absolute path, readable and unique per file.
std::string film_id(const std::filesystem::path& absolute);

}  // namespace herlens::corpus
