#include "herlens/corpus/corpus_folder.hpp"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "herlens/error.hpp"
#include "herlens/report/atomic_file.hpp"
#include "herlens/version.hpp"

namespace herlens::corpus {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::optional<json> read_json(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  json parsed = json::parse(text.str(), nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

json identity_json(const std::optional<FileIdentity>& identity) {
  if (!identity) return nullptr;
  return {{"size", identity->size}, {"modified_ns", identity->modified_ns}};
}

}  // namespace

std::optional<FileIdentity> identify(const fs::path& file) {
  std::error_code ec;
  const auto status = fs::status(file, ec);
  if (ec || !fs::is_regular_file(status)) return std::nullopt;
  const uintmax_t size = fs::file_size(file, ec);
  if (ec) return std::nullopt;
  const auto modified = fs::last_write_time(file, ec);
  if (ec) return std::nullopt;
  return FileIdentity{size, std::chrono::duration_cast<std::chrono::nanoseconds>(modified.time_since_epoch()).count()};
}

CorpusFolder CorpusFolder::for_writing(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec)) {
    if (!fs::is_directory(dir, ec))
      throw Error(ErrorKind::output, fmt::format("{}: not a folder", dir.string()));
    const bool ours = fs::exists(dir / marker_name, ec);
    if (!ours && fs::directory_iterator(dir, ec) != fs::directory_iterator())
      throw Error(ErrorKind::output, fmt::format("{}: a folder herlens did not make for a corpus (it has no {}); give "
                                                 "a new or empty folder",
                                                 dir.string(), marker_name));
  }
  for (const char* sub : {"films", "records", "logs"}) {
    fs::create_directories(dir / sub, ec);
    if (ec) throw Error(ErrorKind::output, fmt::format("{}: cannot make the folder: {}", (dir / sub).string(), ec.message()));
  }
  if (!fs::exists(dir / marker_name, ec))
    report::write_file_atomically(dir / marker_name, fmt::format("herlens {} corpus\n", version()));
  return CorpusFolder(fs::canonical(dir));
}

CorpusFolder CorpusFolder::existing(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec) || !fs::exists(dir / marker_name, ec))
    throw Error(ErrorKind::input, fmt::format("{}: not a herlens corpus folder (herlens corpus run -o makes one)",
                                              dir.string()));
  return CorpusFolder(fs::canonical(dir));
}

void CorpusFolder::write_manifest(const Manifest& manifest) const {
  report::write_file_atomically(dir_ / "corpus-manifest.json", manifest.to_json().dump(2) + "\n");
}

Manifest CorpusFolder::read_manifest() const {
  const std::optional<json> copy = read_json(dir_ / "corpus-manifest.json");
  if (!copy)
    throw Error(ErrorKind::input, fmt::format("{}: no readable corpus-manifest.json (run herlens corpus run first)",
                                              dir_.string()));
  return Manifest::from_json(*copy);
}

std::optional<FilmRecord> CorpusFolder::read_record(const std::string& id) const {
  const std::optional<json> record = read_json(dir_ / "records" / (id + ".json"));
  if (!record) return std::nullopt;
  try {
    FilmRecord film;
    film.id = record->at("id").get<std::string>();
    film.path = record->at("path").get<std::string>();
    if (const json& identity = record->at("file"); !identity.is_null())
      film.identity = FileIdentity{identity.at("size").get<uintmax_t>(), identity.at("modified_ns").get<int64_t>()};
    film.options = record->at("options").get<std::string>();
    film.exit_code = record->at("exit_code").get<int>();
    film.message = record->at("message").get<std::string>();
    film.warnings = record->at("warnings").get<std::vector<std::string>>();
    film.seconds = record->at("seconds").get<double>();
    return film;
  } catch (const json::exception&) {
    return std::nullopt;  // a record we cannot read is a film to run again
  }
}

void CorpusFolder::write_record(const FilmRecord& record) const {
  const nlohmann::ordered_json json{{"id", record.id},           {"path", record.path},
                                    {"file", identity_json(record.identity)},
                                    {"options", record.options}, {"exit_code", record.exit_code},
                                    {"message", record.message}, {"warnings", record.warnings},
                                    {"seconds", record.seconds}};
  report::write_file_atomically(dir_ / "records" / (record.id + ".json"), json.dump(2) + "\n");
}

}  // namespace herlens::corpus
