#include "herlens/report/output_folder.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/media/image_codec.hpp"
#include "herlens/report/atomic_file.hpp"
#include "herlens/version.hpp"

namespace herlens::report {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void refuse(const fs::path& dir, const std::string& why) {
  throw Error(ErrorKind::output, fmt::format("{}: {}", dir.string(), why));
}

// The folder a path names, symbolic links followed; it need not exist yet.
fs::path real_folder(const fs::path& given) {
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(fs::absolute(given, ec), ec);
  if (ec) refuse(given, fmt::format("cannot be used as an output folder: {}", ec.message()));
  return real;
}

// The files a marker lists; nothing when `dir` holds no marker.
std::optional<std::vector<std::string>> marked_files(const fs::path& dir) {
  std::ifstream in(dir / OutputFolder::marker_name);
  std::string line;
  if (!in || !std::getline(in, line) || line.rfind("herlens ", 0) != 0) return std::nullopt;
  std::vector<std::string> files;
  while (std::getline(in, line))
    if (!line.empty()) files.push_back(line);
  return files;
}

void write_marker(const fs::path& dir, const std::vector<std::string>& files) {
  std::string text = fmt::format("herlens {}\n", version());
  for (const std::string& file : files) text += file + "\n";
  write_file_atomically(dir / OutputFolder::marker_name, text);
}

// ".NAME.herlens-new-PID" (staging) and ".NAME.herlens-old-PID" (a report being swapped out).
std::string sibling_prefix(const fs::path& dir) { return fmt::format(".{}.herlens-", dir.filename().string()); }

fs::path sibling(const fs::path& dir, std::string_view role) {
  return dir.parent_path() / fmt::format("{}{}-{}", sibling_prefix(dir), role, getpid());
}

bool running(pid_t pid) { return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM); }

// Whether a folder is herlens's own: it holds its marker, or nothing but a marker being made (a run
// killed as it made its staging folder).
bool herlens_folder(const fs::path& dir) {
  if (marked_files(dir)) return true;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec))
    if (entry.path().filename() != OutputFolder::marker_name) return false;
  return !ec;
}

// Staging folders of runs that were killed: a report swapped out but not replaced goes back where
// it was; the rest is removed. Only herlens's own folders are touched.
void clean_stale_siblings(const fs::path& dir) {
  std::error_code ignored;
  const std::string prefix = sibling_prefix(dir);
  std::vector<fs::path> stale;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir.parent_path(), ignored)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0 || !herlens_folder(entry.path())) continue;
    const std::string rest = name.substr(prefix.size());  // "new-123" or "old-123"
    const size_t dash = rest.find('-');
    if (dash != std::string::npos && !running(static_cast<pid_t>(std::atol(rest.c_str() + dash + 1))))
      stale.push_back(entry.path());
  }
  for (const fs::path& folder : stale) {
    if (folder.filename().string().rfind(prefix + "old-", 0) == 0 && !fs::exists(dir, ignored))
      fs::rename(folder, dir, ignored);
    else
      fs::remove_all(folder, ignored);
  }
}

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) names.push_back(entry.path().filename().string());
  if (ec) refuse(dir, fmt::format("cannot read: {}", ec.message()));
  return names;
}

bool inside(const fs::path& path, const fs::path& folder) {
  const auto [end, _] = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return end == folder.end();
}

void make_folder(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) refuse(dir, fmt::format("cannot create: {}", ec.message()));
  if (access(dir.c_str(), W_OK) != 0) refuse(dir, fmt::format("cannot write: {}", std::strerror(errno)));
}

}  // namespace

OutputFolder::OutputFolder(const fs::path& dir, Mode mode) : dir_(real_folder(dir)), mode_(mode) {
  std::error_code ec;
  const bool exists = fs::exists(dir_, ec);
  if (exists && !fs::is_directory(dir_, ec)) refuse(dir_, "exists and is not a folder");
  if (fs::is_directory(dir_.parent_path(), ec)) clean_stale_siblings(dir_);

  std::vector<std::string> present = fs::exists(dir_, ec) ? entries(dir_) : std::vector<std::string>{};
  if (!present.empty()) {
    const std::optional<std::vector<std::string>> marked = marked_files(dir_);
    if (!marked)
      refuse(dir_, fmt::format("holds files herlens did not write (it has no {} marker); choose a new or empty folder",
                               marker_name));
    written_before_ = *marked;
    std::vector<std::string> foreign;
    for (const std::string& name : present)
      if (name != marker_name && std::find(marked->begin(), marked->end(), name) == marked->end())
        foreign.push_back(name);
    if (mode == Mode::replace && !foreign.empty())
      refuse(dir_, fmt::format("also holds files herlens did not write ({}{}); a report replaces its folder as a "
                               "whole, so move them or choose another folder",
                               foreign.front(), foreign.size() > 1 ? fmt::format(" and {} more", foreign.size() - 1) : ""));
  }

  if (mode == Mode::add) {
    make_folder(dir_);
    write_marker(dir_, written_before_);
    return;
  }
  if (inside(real_folder(fs::current_path(ec)), dir_))
    refuse(dir_, "is the current folder (or holds it); a report replaces its folder as a whole: give -o a folder "
                 "of its own");
  make_folder(dir_.parent_path());
  staging_ = sibling(dir_, "new");
  fs::remove_all(staging_, ec);  // a folder of this very process id, from a run long gone
  if (!fs::create_directory(staging_, ec))
    refuse(dir_, fmt::format("cannot write beside it in {}: {}", dir_.parent_path().string(), ec.message()));
  // Marked from the start, in one write, so a killed run's staging folder is always recognised.
  std::ofstream(staging_ / marker_name) << fmt::format("herlens {}\n", version()) << std::flush;
}

OutputFolder::~OutputFolder() {
  std::error_code ignored;
  if (!staging_.empty()) fs::remove_all(staging_, ignored);
}

void OutputFolder::write(const Outputs& outputs) {
  const fs::path& target = mode_ == Mode::replace ? staging_ : dir_;
  std::vector<std::string> names = mode_ == Mode::add ? written_before_ : std::vector<std::string>{};
  const auto put = [&](const std::string& name, std::string_view bytes) {
    write_file_atomically(target / name, bytes);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  };
  for (const AnalysisOutputs& analysis : outputs.analyses) {
    for (const Table& table : analysis.tables) put(table.name + ".csv", to_csv(table));
    for (const Picture& picture : analysis.pictures) {
      const cv::Mat image = picture.draw();
      if (image.empty()) throw Error(ErrorKind::internal, fmt::format("picture {} is empty", picture.name));
      const std::vector<uint8_t> png = media::encode_png(image);
      put(picture.name + ".png", {reinterpret_cast<const char*>(png.data()), png.size()});
    }
  }
  for (const auto& [name, bytes] : outputs.documents) put(name, bytes);
  if (std::find(names.begin(), names.end(), "summary.json") == names.end()) names.push_back("summary.json");
  write_marker(target, names);
  // The summary last: its presence says the folder is complete.
  write_file_atomically(target / "summary.json", outputs.summary.dump(2) + "\n");
  if (mode_ == Mode::add) return;

  std::error_code ec;
  fs::path retired;
  if (fs::exists(dir_, ec)) {
    retired = sibling(dir_, "old");
    fs::rename(dir_, retired, ec);
    if (ec) refuse(dir_, fmt::format("cannot replace: {}", ec.message()));
  }
  fs::rename(staging_, dir_, ec);
  if (ec) {
    std::error_code ignored;
    if (!retired.empty()) fs::rename(retired, dir_, ignored);  // put the previous report back
    refuse(dir_, fmt::format("cannot write: {}", ec.message()));
  }
  staging_.clear();
  if (!retired.empty()) fs::remove_all(retired, ec);
}

std::filesystem::path default_report_folder(const std::filesystem::path& film, const std::filesystem::path& current) {
  std::filesystem::path beside = film;
  beside += ".herlens";
  const std::filesystem::path folder = beside.has_parent_path() ? beside.parent_path() : ".";
  // A folder herlens may create entries in (and, as root, one not on a read-only file system).
  if (access(folder.c_str(), W_OK | X_OK) == 0) return beside;
  return current / beside.filename();
}

}  // namespace herlens::report
