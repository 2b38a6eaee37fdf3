#include "herlens/corpus/corpus_run.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "herlens/concurrency/cores.hpp"
#include "herlens/error.hpp"
#include "herlens/version.hpp"

extern char** environ;

namespace herlens::corpus {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string options_key(const RunOptions& options) {
  std::string key = fmt::format("herlens {}", version());
  for (const std::string& argument : options.report_arguments) key += " " + argument;
  return key;
}

bool done_before(const CorpusFolder& folder, const ManifestFilm& film, const std::string& key) {
  const std::optional<FilmRecord> record = folder.read_record(film.id);
  std::error_code ec;
  return record && record->exit_code == 0 && record->options == key && record->identity &&
         record->identity == identify(film.absolute) && fs::exists(folder.film_report(film.id) / "summary.json", ec);
}

// What the film's run said: its last line is the error of a failed run; warnings are kept.
void read_log(const fs::path& log, FilmRecord& record) {
  std::ifstream in(log);
  std::string line, last;
  constexpr std::string_view prefix = "herlens: ", warning = "herlens: warning: ";
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (line.rfind(warning, 0) == 0) record.warnings.push_back(line.substr(warning.size()));
    last = line.rfind(prefix, 0) == 0 ? line.substr(prefix.size()) : line;
  }
  if (record.exit_code != 0) record.message = last.empty() ? "failed without a message" : last;
}

class FilmProcess {
 public:
  FilmProcess(const ManifestFilm& film, const CorpusFolder& folder, const RunOptions& options, int threads)
      : film_(&film), started_(Clock::now()) {
    std::vector<std::string> args{options.herlens.string(), "report", film.absolute.string(), "-o",
                                  folder.film_report(film.id).string(), "--threads", std::to_string(threads)};
    args.insert(args.end(), options.report_arguments.begin(), options.report_arguments.end());
    std::vector<char*> argv;
    for (std::string& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    const std::string log = folder.log(film.id).string();
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int error = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0)
      throw Error(ErrorKind::internal, fmt::format("cannot start {}: {}", options.herlens.string(), std::strerror(error)));
  }

  pid_t pid() const { return pid_; }
  const ManifestFilm& film() const { return *film_; }

  FilmRecord record(int status, const CorpusFolder& folder, const std::string& key,
                    const std::optional<FileIdentity>& identity) const {
    FilmRecord record{film_->id, film_->path, identity, key, 0, {}, {}, 0};
    record.seconds = std::chrono::duration<double>(Clock::now() - started_).count();
    record.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    read_log(folder.log(film_->id), record);
    if (WIFSIGNALED(status)) record.message = fmt::format("killed by signal {} ({})", WTERMSIG(status), strsignal(WTERMSIG(status)));
    return record;
  }

 private:
  const ManifestFilm* film_;
  Clock::time_point started_;
  pid_t pid_ = -1;
};

// "corpus: 5 of 12 films (3 analysed, 1 skipped, 1 failed), 1:02 elapsed, ETA 3:10"
class CorpusProgress {
 public:
  CorpusProgress(bool enabled, int films, int to_run)
      : enabled_(enabled), terminal_(isatty(STDERR_FILENO) == 1), films_(films), to_run_(to_run) {}
  ~CorpusProgress() {
    if (printed_ && terminal_) std::fputs("\n", stderr);
  }

  void failure(const ManifestFilm& film, int exit_code, const std::string& message) {
    if (!enabled_) return;
    clear();
    fmt::print(stderr, "herlens: corpus: {} failed (exit code {}): {}\n", film.path, exit_code, message);
  }

  void update(const RunTotals& totals, int run_now) {
    if (!enabled_) return;
    const double elapsed = std::chrono::duration<double>(Clock::now() - started_).count();
    std::string eta = "ETA --";
    if (run_now > 0) eta = "ETA " + clock(elapsed / run_now * (to_run_ - run_now));
    clear();
    fmt::print(stderr, "corpus: {} of {} films ({} analysed, {} skipped, {} failed), {} elapsed, {}{}",
               totals.analysed + totals.skipped + totals.failed, films_, totals.analysed, totals.skipped,
               totals.failed, clock(elapsed), eta, terminal_ ? "" : "\n");
    std::fflush(stderr);
    printed_ = true;
  }

 private:
  static std::string clock(double seconds) {
    const long s = std::lround(seconds);
    return s >= 3600 ? fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60) : fmt::format("{}:{:02}", s / 60, s % 60);
  }
  void clear() {
    if (printed_ && terminal_) std::fputs("\r\033[K", stderr);
  }

  bool enabled_, terminal_;
  int films_, to_run_;
  bool printed_ = false;
  Clock::time_point started_ = Clock::now();
};

}  // namespace

Shard parse_shard(const std::string& text) {
  Shard shard;
  char slash = 0;
  std::istringstream in(text);
  if (!(in >> shard.index >> slash >> shard.count) || slash != '/' || !in.eof() || shard.count < 1 ||
      shard.index < 0 || shard.index >= shard.count)
    throw Error(ErrorKind::usage, fmt::format("--shard '{}': give INDEX/COUNT with 0 <= INDEX < COUNT", text));
  return shard;
}

int threads_per_film(int cpus, int jobs) { return std::max(1, cpus / std::max(1, jobs)); }

RunTotals run_corpus(const Manifest& manifest, const CorpusFolder& folder, const RunOptions& options) {
  check_range("corpus run", "jobs", options.jobs, 1, 256);
  const auto started = Clock::now();
  const std::string key = options_key(options);
  RunTotals totals;

  // The shard's films; bad rows are reported once, by the first shard.
  std::vector<const ManifestFilm*> mine;
  const std::vector<const ManifestFilm*> analysable = manifest.analysable();
  for (size_t i = 0; i < analysable.size(); ++i)
    if (int(i % size_t(options.shard.count)) == options.shard.index) mine.push_back(analysable[i]);
  std::vector<const ManifestFilm*> to_run;
  for (const ManifestFilm* film : mine)
    if (done_before(folder, *film, key)) ++totals.skipped;
    else to_run.push_back(film);

  int bad_rows = 0;
  if (options.shard.index == 0)
    for (const ManifestFilm& film : manifest.films)
      if (film.problem) ++bad_rows;
  CorpusProgress progress(options.progress, int(mine.size()) + bad_rows, int(to_run.size()));
  if (options.shard.index == 0)
    for (const ManifestFilm& film : manifest.films)
      if (film.problem) {
        ++totals.failed;
        progress.failure(film, exit_code(film.problem->kind), film.problem->message);
      }
  progress.update(totals, 0);

  const int threads = threads_per_film(concurrency::usable_cpus(), options.jobs);
  std::map<pid_t, FilmProcess> running;
  size_t next = 0;
  int run_now = 0;
  while (next < to_run.size() || !running.empty()) {
    while (next < to_run.size() && int(running.size()) < options.jobs) {
      FilmProcess process(*to_run[next++], folder, options, threads);
      running.emplace(process.pid(), process);
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      throw Error(ErrorKind::internal, fmt::format("waiting for a film's run: {}", std::strerror(errno)));
    }
    const auto found = running.find(pid);
    if (found == running.end()) continue;
    const FilmProcess& process = found->second;
    // The file's identity after the run: a file replaced while it was analysed runs again next time.
    const FilmRecord record = process.record(status, folder, key, identify(process.film().absolute));
    folder.write_record(record);
    ++run_now;
    if (record.exit_code == 0) ++totals.analysed;
    else {
      ++totals.failed;
      progress.failure(process.film(), record.exit_code, record.message);
    }
    running.erase(found);
    progress.update(totals, run_now);
  }
  totals.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return totals;
}

}  // namespace herlens::corpus
