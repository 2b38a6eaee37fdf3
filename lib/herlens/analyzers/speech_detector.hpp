#pragma once
// Speech detection over the analysis audio (docs/metrics.md, "Dialogue"): Silero VAD on
// consecutive 32 ms chunks, turned into segments by metrics::SpeechSegmenter with Silero's rules.
// Keeps only the segments: memory grows with their number, not with the length of the audio.
#include <filesystem>
#include <optional>
#include <vector>

#include "herlens/analyzers/speech_gate.hpp"
#include "herlens/metrics/speech_segments.hpp"
#include "herlens/models/silero_vad.hpp"
#include "herlens/params/parameter.hpp"
#include "herlens/pipeline/analyzer.hpp"

namespace herlens::analyzers {

struct SpeechDetectorParams {
  metrics::SpeechSegmentParams segments;
  // Audio jumping by more than this many seconds from where it should continue (a gap or an
  // overlap in the stream's timestamps) restarts detection at the new time.
  double max_time_jump = 0.1;
  static const params::Table<SpeechDetectorParams>& table();
  void validate() const;  // throws Error(usage) naming the bad value
};

class SpeechDetector final : public pipeline::Analyzer {
 public:
  using Params = SpeechDetectorParams;
  // Loads SileroVad::model_file from `model_dir` alone when given (so a folder named on purpose is
  // never silently replaced by another), else from where find_model() looks. Throws Error(model)
  // naming scripts/setup when it is missing or corrupt, Error(usage) for bad parameters. A `gate`
  // is told what each chunk of sound held as it is heard.
  explicit SpeechDetector(const Params& params = {}, const std::filesystem::path& model_dir = {},
                          SpeechGate* gate = nullptr);

  std::string_view name() const override { return "speech detector"; }
  pipeline::Needs needs() const override { return {.audio = true}; }
  std::vector<std::filesystem::path> model_files() const override { return {model_file_}; }
  void on_audio(const media::AudioBlock& block) override;
  void finish() override;

  // After finish(): the speech segments and where the audio ended. Moves them out.
  metrics::SpeechObservations take_result() { return std::move(heard_); }

 private:
  void run_chunk(double end_time);  // `end_time`: seconds, where the chunk's sound ends
  void end_run();  // closes the current run of contiguous audio

  Params params_;
  std::filesystem::path model_file_;
  models::SileroVad vad_;
  SpeechGate* gate_;
  std::vector<float> chunk_;  // samples of the chunk being filled
  std::optional<metrics::SpeechSegmenter> segmenter_;  // for the current run of contiguous audio
  double run_start_ = 0;     // seconds, where the current run began
  int64_t run_samples_ = 0;  // samples fed in the current run
  metrics::SpeechObservations heard_;
};

}  // namespace herlens::analyzers
