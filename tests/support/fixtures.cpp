#include "support/fixtures.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace herlens::test {

std::filesystem::path media(const std::string& name) {
  return std::filesystem::path(HERLENS_TEST_MEDIA_DIR) / name;
}

std::filesystem::path source_file(const std::string& relative) {
  return std::filesystem::path(HERLENS_SOURCE_DIR) / relative;
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

namespace {

// Forks and runs `argv` (argv[0] looked up on PATH), its output into the given files.
pid_t start_program(const std::vector<std::string>& argv, const std::filesystem::path& out_path,
                    const std::filesystem::path& err_path, unsigned time_limit) {
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null_in = open("/dev/null", O_RDONLY);
    dup2(out, 1);
    dup2(err, 2);
    dup2(null_in, 0);
    alarm(time_limit);  // survives exec; 0 sets none
    std::vector<std::string> copies(argv);
    std::vector<char*> pointers;
    for (auto& a : copies) pointers.push_back(a.data());
    pointers.push_back(nullptr);
    execvp(pointers[0], pointers.data());
    _exit(127);
  }
  return pid;
}

std::vector<std::string> herlens_command(const std::vector<std::string>& args) {
  std::vector<std::string> argv{HERLENS_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace

pid_t start_cli(const std::vector<std::string>& args, const std::filesystem::path& out_path,
                const std::filesystem::path& err_path, unsigned time_limit) {
  return start_program(herlens_command(args), out_path, err_path, time_limit);
}

CliResult run_cli(const std::vector<std::string>& args, unsigned time_limit) {
  return run_program(herlens_command(args), time_limit);
}

CliResult run_program(const std::vector<std::string>& argv, unsigned time_limit) {
  ScratchDir capture;
  const auto out_path = capture / "stdout";
  const auto err_path = capture / "stderr";
  const pid_t pid = start_program(argv, out_path, err_path, time_limit);
  int status = 0;
  waitpid(pid, &status, 0);
  CliResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = read_text(out_path);
  result.err = read_text(err_path);
  return result;
}

const std::filesystem::path& sample_report() {
  // ctest runs each test case in a process of its own, and this report is the suite's costliest
  // step (two to five minutes under the sanitizers): the first process to need it in a run writes
  // it, under a lock, for the others. The forget_sample_report setup (tests/CMakeLists.txt) removes
  // it before every run, so a rebuilt herlens never reads an older build's report.
  static const std::filesystem::path out = [] {
    const std::filesystem::path shared = media("sample-report");
    std::filesystem::create_directories(shared.parent_path());
    const int lock = ::open((shared.string() + ".lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (lock < 0 || ::flock(lock, LOCK_EX) != 0) throw std::runtime_error("cannot lock " + shared.string());
    std::string error;
    if (!std::filesystem::exists(shared)) {
      // Written aside and renamed, so a process killed mid-report leaves no half folder behind.
      const std::filesystem::path partial = shared.string() + ".partial";
      std::filesystem::remove_all(partial);
      const auto result = run_cli({"report", "-q", source_file("samples/her-sample.mp4").string(), "-o", partial.string()});
      if (result.exit_code == 0) std::filesystem::rename(partial, shared);
      else error = "herlens report on the sample film failed: " + result.err;
    }
    ::close(lock);
    if (!error.empty()) throw std::runtime_error(error);
    return shared;
  }();
  return out;
}

ScratchDir::ScratchDir() {
  std::random_device seed;
  std::mt19937_64 rng(seed());
  path_ = std::filesystem::temp_directory_path() / ("herlens-test-" + std::to_string(rng()));
  std::filesystem::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace herlens::test
