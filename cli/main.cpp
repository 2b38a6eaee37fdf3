// herlens: command-line film analysis. This file only wires subcommands and maps errors to the
// documented exit codes; every analysis lives in lib/herlens.
#include <cstdio>
#include <exception>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

extern "C" {
#include <libavutil/log.h>
}

#include "commands.hpp"
#include "herlens/error.hpp"
#include "herlens/version.hpp"

namespace {

constexpr const char* exit_codes_help = R"(Exit codes:
  0  success
  1  herlens check: a claim does not hold
  2  usage: bad option, bad claim expression, unknown metric or bad shot list (--shots)
  3  input file (or --shots list) missing, unreadable, or not a regular file (export: not a
     herlens report folder; corpus merge: not a corpus folder)
  4  not a media file herlens can read, or refused (it points at other files or URLs)
  5  the file lacks the video or audio stream the command needs (export: the report lacks
     the analysis the format shows)
  6  an output path cannot be written (corpus slurm --submit: sbatch missing or refusing)
  7  a trained model is missing or corrupt (run scripts/setup)
  8  nothing in the stream could be decoded
  70 internal error (a bug: please report it))";

}  // namespace

int main(int argc, char** argv) {
  av_log_set_level(AV_LOG_QUIET);  // herlens reports problems itself, once and clearly
  CLI::App app{"herlens: measure films (palette, shots, framing, dialogue) and check claims about them"};
  app.footer(exit_codes_help);
  app.require_subcommand(1);
  app.set_version_flag("--version", fmt::format("herlens {}", herlens::version()));
  herlens::cli::setup_probe(app);
  herlens::cli::setup_shots(app);
  herlens::cli::setup_palette(app);
  herlens::cli::setup_framing(app);
  herlens::cli::setup_dialogue(app);
  herlens::cli::setup_report(app);
  herlens::cli::setup_export(app);
  herlens::cli::setup_corpus(app);
  int check_exit_code = 0;
  herlens::cli::setup_check(app, check_exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "herlens: {}\nRun 'herlens --help' for usage.\n", e.what());
    return herlens::exit_code(herlens::ErrorKind::usage);
  } catch (const herlens::Error& e) {
    fmt::print(stderr, "herlens: {}\n", e.what());
    return herlens::exit_code(e.kind());
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "herlens: out of memory\n");
    return herlens::exit_code(herlens::ErrorKind::internal);
  } catch (const std::exception& e) {
    fmt::print(stderr, "herlens: internal error: {}\n", e.what());
    return herlens::exit_code(herlens::ErrorKind::internal);
  }
  return check_exit_code;
}
