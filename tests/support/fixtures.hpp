#pragma once
// Shared helpers for tests: where generated test media lives, running the CLI, scratch folders.
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace herlens::test {

// A file made by scripts/make-test-media (in the build tree) by its name.
std::filesystem::path media(const std::string& name);
// A file in the source tree (samples/, tests/data/, models/ ...), relative to the project root.
std::filesystem::path source_file(const std::string& relative);

struct CliResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// Runs the built `herlens` binary with `args` (no shell involved) and captures everything. With a
// `time_limit` (seconds, 0: none) a run that takes longer is ended by SIGALRM (exit code 142), so
// a hang fails the test instead of stalling the suite.
CliResult run_cli(const std::vector<std::string>& args, unsigned time_limit = 0);
// Runs another program the same way (argv[0] looked up on PATH: ffprobe, xmllint); 127 when it
// cannot be started.
CliResult run_program(const std::vector<std::string>& argv, unsigned time_limit = 0);
// Starts herlens and returns at once with its process id (to be waited for with waitpid); its
// standard output and error go to the given files.
pid_t start_cli(const std::vector<std::string>& args, const std::filesystem::path& out_path,
                const std::filesystem::path& err_path, unsigned time_limit = 0);

// A fresh empty folder under the system temp dir, removed when the object goes away.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

std::string read_text(const std::filesystem::path& file);

// The folder of `herlens report` on the bundled sample film, made once per ctest run and shared by
// the test processes (read it, never write into it).
const std::filesystem::path& sample_report();

}  // namespace herlens::test
