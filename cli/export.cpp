// herlens export DIR --format FORMAT [-o FILE]: a saved report as what other tools read (an edit
// decision list, an OpenTimelineIO or Final Cut Pro timeline, an ELAN annotation document,
// subtitles), made from the report's folder without decoding the film again.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "herlens/error.hpp"
#include "herlens/exports/formats.hpp"
#include "herlens/report/atomic_file.hpp"
#include "herlens/report/saved_report.hpp"

namespace herlens::cli {

namespace {

struct ExportOptions {
  std::string dir;
  std::string format;
  std::string output;  // -o FILE; stdout when empty
};

void run_export(const ExportOptions& options) {
  const std::vector<exports::Format> formats = exports::formats_named(options.format);
  if (formats.size() != 1)
    throw Error(ErrorKind::usage, "herlens export writes one format at a time (herlens report --export takes a list)");
  const report::SavedReport saved = report::SavedReport::read(options.dir);
  if (const std::optional<std::string> missing = exports::lacking(formats.front(), saved))
    throw Error(ErrorKind::missing_stream,
                fmt::format("{}: no {} export from this report: {}", options.dir, exports::name(formats.front()), *missing));
  const std::filesystem::path output(options.output);
  const std::string text = exports::export_text(
      formats.front(), exports::film_of(saved),
      {now_iso8601(), output.empty() ? output : std::filesystem::absolute(output).parent_path()});
  if (options.output.empty()) print_stdout(text);
  else report::write_file_atomically(options.output, text);
}

}  // namespace

void setup_export(CLI::App& app) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* command = app.add_subcommand(
      "export", "A saved report as an EDL, OTIO or FCPXML timeline, an ELAN document or subtitles (no decoding)");
  command->add_option("DIR", options->dir, "Folder of a saved report (herlens report -o DIR)")->required();
  command->add_option("-f,--format", options->format, "edl, otio, fcpxml, eaf, srt or vtt")->required();
  command->add_option("-o,--output", options->output, "Write to this file (replaced whole) instead of stdout");
  add_examples(*command, {"herlens export film.mp4.herlens --format edl -o film.edl", "herlens export film.mp4.herlens -f srt"});
  command->callback([options] { run_export(*options); });
}

}  // namespace herlens::cli
