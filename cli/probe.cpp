// herlens probe FILE: what a media file holds, from its headers (and, with --decode, from a full
// decode pass: exact frame count, variable frame rate, damage).
#include "commands.hpp"
#include "common.hpp"
#include "herlens/media/probe.hpp"
#include "herlens/report/probe_report.hpp"
#include "parameters.hpp"

namespace herlens::cli {

namespace {

struct ProbeOptions {
  std::string input;
  bool json = false;
  bool decode = false;
  bool quiet = false;
  pipeline::PassOptions pass;
};

void run_probe(const ProbeOptions& options) {
  const media::MediaInfo info = media::probe(options.input);
  std::optional<metrics::FilmSummary> decoded;
  if (options.decode) {
    // No analysis: the picture alone, like `ffmpeg -map 0:v -f null`; the sound when there is no picture.
    pipeline::AnalysisRequest request;
    request.pass = options.pass;
    request.pass.progress = !options.quiet;
    decoded = pipeline::analyse(options.input, request).summary;
    warn(*decoded, options.input, options.quiet);
  }
  const metrics::FilmSummary* summary = decoded ? &*decoded : nullptr;
  print_stdout(options.json ? report::probe_json(info, summary).dump(2) + "\n" : report::probe_text(info, summary));
}

}  // namespace

void setup_probe(CLI::App& app) {
  auto options = std::make_shared<ProbeOptions>();
  CLI::App* command = app.add_subcommand("probe", "Describe a media file: container, streams, colour, timing");
  command->add_option("FILE", options->input, "Media file")->required();
  command->add_flag("--json", options->json, "JSON for scripts");
  command->add_flag("--decode", options->decode,
                    "Decode the whole picture (or sound, for audio files) to count frames exactly and find damage");
  command->add_flag("-q,--quiet", options->quiet, "No progress line");
  bind_parameters(*command, options->pass, {"threads"});
  add_examples(*command, {"herlens probe film.mp4", "herlens probe film.mp4 --decode --json"});
  command->callback([options] { run_probe(*options); });
}

}  // namespace herlens::cli
