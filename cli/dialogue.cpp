// herlens dialogue FILE: speech segments, and what is on screen while they are heard.
#include <optional>

#include "commands.hpp"
#include "common.hpp"
#include "herlens/report/speech_export.hpp"
#include "parameters.hpp"

namespace herlens::cli {

namespace {

struct DialogueOptions : AnalysisCommand {
  std::string export_wav;   // --export-wav: the speech heard, end to end
  bool voice_only = false;  // --voice-only: export only the voice-only dialogue
};

void run_dialogue(const DialogueOptions& options) {
  pipeline::AnalysisRequest request = options.request(metrics::Analysis::dialogue);
  std::optional<report::SpeechWav> wav;  // made now, so a place it cannot go fails before decoding
  if (!options.export_wav.empty()) {
    const std::filesystem::path target = options.export_wav;
    wav.emplace(target);
    request.record_audio_in = target.has_parent_path() ? target.parent_path() : ".";
  }
  run_analysis_command(options, request, [&](const pipeline::FilmAnalysis& film) {
    if (!wav) return;
    const metrics::DialogueSection& dialogue = *film.summary.dialogue;
    wav->write(film.audio.value(), options.voice_only ? dialogue.voice_only : metrics::to_intervals(dialogue.segments));
  });
}

}  // namespace

void setup_dialogue(CLI::App& app) {
  auto options = std::make_shared<DialogueOptions>();
  CLI::App* command = app.add_subcommand(
      "dialogue", "Speech segments, dialogue share, and voice-only speech (no face on screen, or no face speaking)");
  add_common_options(*command, options->common);
  bind_parameters(*command, options->analysis.speech.segments);
  bind_parameters(*command, options->analysis.picture_level);
  bind_parameters(*command, options->analysis.dialogue);
  bind_parameters(*command, options->analysis.dialogue.mouths);
  add_model_dir_option(*command, options->analysis);
  CLI::Option* export_wav = command->add_option("--export-wav", options->export_wav,
                                                "Write the speech segments, end to end, to this WAV (16 kHz mono)");
  command->add_flag("--voice-only", options->voice_only,
                    "Export only voice-only speech (over black, with no face, or over a listener)")
      ->needs(export_wav);
  add_examples(*command, {"herlens dialogue film.mp4 > speech.csv", "herlens dialogue film.mp4 --json --export-wav speech.wav"});
  command->callback([options] { run_dialogue(*options); });
}

}  // namespace herlens::cli
