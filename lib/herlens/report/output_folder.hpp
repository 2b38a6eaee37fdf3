#pragma once
// Where herlens writes (-o DIR), and the rule that keeps a user's files safe: herlens writes only
// into a folder it creates, an empty one, or one that holds its marker (a `.herlens` file naming
// the version and every file herlens wrote there). Anything else is refused with Error(output)
// before any decoding, as is a place that cannot be written.
//
// Two ways to write:
// - replace (herlens report): the folder is replaced as a whole by one holding exactly the new
//   outputs. They are written into a staging folder beside it, then swapped in, so an interrupted
//   run leaves the previous report as it was and a rerun never mixes old and new files. A marked
//   folder that also holds files herlens did not write is refused: replacing it would lose them.
// - add (shots, palette, ...): the outputs are written into the folder, each file atomically,
//   beside what is there; the marker lists every file herlens wrote.
// A symbolic link names the folder it points to: that folder is written, the link stays. Staging
// folders left by a run that was killed are cleaned up by the next one (a report swapped out but
// not yet replaced is put back first).
#include <filesystem>
#include <string>
#include <vector>

#include "herlens/report/outputs.hpp"

namespace herlens::report {

// Where `herlens report FILE` writes without -o: FILE.herlens beside the film, or
// <film's name>.herlens in `current` when the film's folder cannot be written (a read-only disc, a
// shared archive).
std::filesystem::path default_report_folder(const std::filesystem::path& film,
                                            const std::filesystem::path& current = std::filesystem::current_path());

class OutputFolder {
 public:
  enum class Mode { replace, add };

  // Checks `dir` and prepares to write it: the staging folder (replace) or the folder with its
  // marker (add) is made now, so a place herlens may not or cannot write fails before any work.
  // Throws Error(output) naming the folder and why.
  OutputFolder(const std::filesystem::path& dir, Mode mode);
  ~OutputFolder();  // removes a staging folder that was never swapped in
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;

  // Writes every table (<name>.csv), picture (<name>.png) and document, the marker, and
  // summary.json last (its presence says the folder is complete). Call once. Throws Error(output).
  void write(const Outputs& outputs);

  // The folder written (symbolic links resolved).
  const std::filesystem::path& path() const { return dir_; }

  static constexpr const char* marker_name = ".herlens";

 private:
  std::filesystem::path dir_;      // the real folder
  std::filesystem::path staging_;  // replace: where the outputs are written before the swap
  Mode mode_;
  std::vector<std::string> written_before_;  // add: what the marker already listed
};

}  // namespace herlens::report
