#pragma once
// Keeps the pass's analysis audio (media/audio_recording.hpp) so stretches of it can be exported
// after the pass: `herlens dialogue --export-wav` writes the speech heard without a second decode.
#include <filesystem>

#include "herlens/media/audio_recording.hpp"
#include "herlens/pipeline/analyzer.hpp"

namespace herlens::analyzers {

class AudioRecorder final : public pipeline::Analyzer {
 public:
  // The recording's temporary file goes into `dir`. Throws Error(output) when it cannot.
  explicit AudioRecorder(const std::filesystem::path& dir) : recording_(dir) {}
  std::string_view name() const override { return "audio recorder"; }
  pipeline::Needs needs() const override { return {.audio = true}; }
  void on_audio(const media::AudioBlock& block) override { recording_.append(block.time, block.samples); }

  // After the pass: the recording. Moves it out.
  media::AudioRecording take_result() { return std::move(recording_); }

 private:
  media::AudioRecording recording_;
};

}  // namespace herlens::analyzers
