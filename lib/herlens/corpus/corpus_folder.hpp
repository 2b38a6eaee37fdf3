#pragma once
// A corpus folder (corpus run -o DIR) and what it keeps per film:
//   .herlens-corpus          marker: herlens made this folder and may write in it
//   corpus-manifest.json     the manifest as last read, so merge and check need only the folder
//   films/ID/                each film's report folder (herlens report), swapped in whole
//   records/ID.json          how the film's last run ended, with the file and options it used
//   logs/ID.log              what that run said on stderr
//   corpus.csv, corpus.json, corpus.html   written by corpus merge
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "herlens/corpus/manifest.hpp"

namespace herlens::corpus {

// What says a file is the one analysed before: size and modification time (nanoseconds).
struct FileIdentity {
  uintmax_t size = 0;
  int64_t modified_ns = 0;
  bool operator==(const FileIdentity&) const = default;
};
// Nothing when the file cannot be looked at (missing, unreadable folder).
std::optional<FileIdentity> identify(const std::filesystem::path& file);

// How one film's last run ended.
struct FilmRecord {
  std::string id;
  std::string path;                       // as the manifest wrote it
  std::optional<FileIdentity> identity;   // of the file when it was analysed
  std::string options;                    // herlens version and every option that shapes the results
  int exit_code = 0;                      // herlens report's exit code (128 + N: killed by signal N)
  std::string message;                    // the error, for a failed film
  std::vector<std::string> warnings;      // damage and skipped analyses, for a film analysed
  double seconds = 0;                     // wall time of the run
};

class CorpusFolder {
 public:
  // A folder to run a corpus into: made when missing; an existing one must be empty or hold the
  // marker. Throws Error(output) naming it otherwise or when it cannot be written.
  static CorpusFolder for_writing(const std::filesystem::path& dir);
  // A folder a corpus was run into. Throws Error(input) when it is not one.
  static CorpusFolder existing(const std::filesystem::path& dir);

  const std::filesystem::path& path() const { return dir_; }
  std::filesystem::path film_report(const std::string& id) const { return dir_ / "films" / id; }
  std::filesystem::path log(const std::string& id) const { return dir_ / "logs" / (id + ".log"); }

  void write_manifest(const Manifest& manifest) const;
  Manifest read_manifest() const;  // Error(input) when missing or damaged

  // The film's record; nothing when it has none (never run, or a run killed before it ended).
  std::optional<FilmRecord> read_record(const std::string& id) const;
  void write_record(const FilmRecord& record) const;  // atomically

  static constexpr const char* marker_name = ".herlens-corpus";

 private:
  explicit CorpusFolder(std::filesystem::path dir) : dir_(std::move(dir)) {}
  std::filesystem::path dir_;
};

}  // namespace herlens::corpus
