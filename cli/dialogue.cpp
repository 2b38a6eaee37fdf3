// herlens dialogue FILE: speech segments, and what is on screen while they are heard.
#include "commands.hpp"
#include "common.hpp"
#include "herlens/report/film_report.hpp"
#include "herlens/report/speech_export.hpp"

namespace herlens::cli {

namespace {

struct DialogueOptions {
  CommonOptions common;
  analyzers::SpeechDetectorParams speech;
  analyzers::PictureLevelParams picture;
  report::DialogueReportOptions report;
  std::string model_dir;
  std::string export_wav;   // --export-wav: the speech heard, end to end
  bool voice_only = false;  // --voice-only: export only what is heard with no face on screen
};

void run_dialogue(const DialogueOptions& options) {
  // The same pass as `herlens report --only dialogue`: speech, picture level and faces.
  report::FilmReportOptions film;
  film.parts = {report::Part::dialogue};
  film.pass = options.common.pass_options();
  film.speech = options.speech;
  film.picture_level = options.picture;
  film.dialogue = options.report;
  film.model_dir = options.model_dir;
  const report::FilmReport analysed = report::analyse_film(options.common.input, film);
  report::Outputs outputs = analysed.parts.front().outputs;
  note_decode_health(analysed.pass, options.common, outputs);
  if (!options.export_wav.empty()) {
    const report::DialogueData& data = *analysed.dialogue;
    const auto stretches =
        options.voice_only ? report::voice_only_intervals(data) : metrics::to_intervals(data.segments);
    report::export_audio_intervals(options.common.input, stretches, options.export_wav, options.common.threads);
  }
  emit(outputs, options.common);
}

}  // namespace

void setup_dialogue(CLI::App& app) {
  auto options = std::make_shared<DialogueOptions>();
  CLI::App* command = app.add_subcommand(
      "dialogue", "Speech segments, dialogue share, and speech heard with no face on screen (voice-only)");
  add_common_options(*command, options->common);
  metrics::SpeechSegmentParams& segments = options->speech.segments;
  command->add_option("--on-threshold", segments.on_threshold, "Speech probability at which speech starts")
      ->check(CLI::Range(0.01, 0.99))
      ->capture_default_str();
  command->add_option("--off-threshold", segments.off_threshold,
                      "Speech probability below which speech may end (at most --on-threshold)")
      ->check(CLI::Range(0.01, 0.99))
      ->capture_default_str();
  command->add_option("--min-speech-ms", segments.min_speech_ms, "Speech no longer than this is dropped")
      ->check(CLI::Range(0, 60000))
      ->capture_default_str();
  command->add_option("--min-silence-ms", segments.min_silence_ms, "Silence that ends a segment; shorter pauses are bridged")
      ->check(CLI::Range(0, 60000))
      ->capture_default_str();
  command->add_option("--speech-pad-ms", segments.speech_pad_ms, "Padding added to both ends of each segment")
      ->check(CLI::Range(0, 60000))
      ->capture_default_str();
  command->add_option("--black-level", options->picture.black_level,
                      "A picture is black when its mean luma is below this fraction of full range")
      ->check(CLI::Range(0.001, 0.999))
      ->capture_default_str();
  command->add_option("--window-minutes", options->report.window_minutes, "Length of the dialogue-rate windows in minutes")
      ->check(CLI::Range(0.1, 600.0))
      ->capture_default_str();
  command->add_option("--model-dir", options->model_dir, "Folder holding the trained models (default: models/)");
  CLI::Option* export_wav = command->add_option("--export-wav", options->export_wav,
                                                "Write the speech segments, end to end, to this WAV (16 kHz mono)");
  command->add_flag("--voice-only", options->voice_only, "Export only the speech heard with no face on screen")
      ->needs(export_wav);
  command->callback([options] { run_dialogue(*options); });
}

}  // namespace herlens::cli
