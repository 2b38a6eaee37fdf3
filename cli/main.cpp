// herlens: command-line film analysis. This file only wires subcommands and maps errors to the
// documented exit codes; every analysis lives in lib/herlens.
#include <cstdio>
#include <algorithm>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

extern "C" {
#include <libavutil/log.h>
}

#include "commands.hpp"
#include "herlens/error.hpp"
#include "herlens/suggest.hpp"
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

// The subcommand the command line reached: the deepest one selected.
const CLI::App* reached(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) return reached(*sub);
  return &app;
}

// "herlens corpus run": how to call it again.
std::string called_as(const CLI::App* command) {
  std::string words;
  for (; command->get_parent(); command = command->get_parent()) words = " " + command->get_name() + words;
  return "herlens" + words;
}

std::string without_dashes(std::string_view name) {
  name.remove_prefix(std::min(name.find_first_not_of('-'), name.size()));
  return std::string(name.substr(0, name.find('=')));
}

// "Did you mean" for each word of the command line nobody took: an option of the subcommand
// reached, or a subcommand where one is still to be chosen.
std::string suggestions(const CLI::App& app) {
  const CLI::App* command = reached(app);
  std::vector<std::string> options, subcommands;
  for (const CLI::Option* option : command->get_options()) {
    for (const std::string& name : option->get_lnames()) options.push_back("--" + name);
    for (const std::string& name : option->get_snames()) options.push_back("-" + name);
  }
  for (const CLI::App* sub : command->get_subcommands({})) subcommands.push_back(sub->get_name());
  std::string out;
  for (const std::string& word : command->remaining()) {
    std::optional<std::string> nearest;
    if (word.starts_with("-")) {
      std::vector<std::string> bare;
      for (const std::string& option : options) bare.push_back(without_dashes(option));
      if (const auto found = herlens::nearest_name(without_dashes(word), bare))
        nearest = options[size_t(std::find(bare.begin(), bare.end(), *found) - bare.begin())];
    } else if (command->get_subcommands().empty() && !subcommands.empty()) {
      nearest = herlens::nearest_name(word, subcommands);
    }
    if (nearest && *nearest != word) out += fmt::format("herlens: '{}': did you mean '{}'?\n", word, *nearest);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  av_log_set_level(AV_LOG_QUIET);  // herlens reports problems itself, once and clearly
  CLI::App app{"herlens: measure films (palette, shots, framing, dialogue) and check claims about them"};
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
  // Set after the subcommands, which would otherwise inherit it: each ends with its examples.
  app.footer(exit_codes_help);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "herlens: {}\n{}Run '{} --help' for usage.\n", e.what(), suggestions(app),
               called_as(reached(app)));
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
