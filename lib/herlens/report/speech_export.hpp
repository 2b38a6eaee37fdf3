#pragma once
// Writes chosen stretches of a pass's analysis audio (16 kHz mono, the centre channel of surround
// mixes) to one WAV, end to end: `herlens dialogue --export-wav` uses it to let you hear what was
// counted as speech.
#include <filesystem>
#include <span>

#include <sndfile.h>

#include "herlens/media/audio_recording.hpp"
#include "herlens/metrics/voice_only.hpp"
#include "herlens/report/atomic_file.hpp"

namespace herlens::report {

// A 16-bit PCM WAV at 16 kHz, written whole or not at all: to a temporary file beside `target`,
// made at construction (so a place it cannot go fails before the analysis), renamed over `target`
// by write(). Errors are Error(output) naming the target.
class SpeechWav {
 public:
  explicit SpeechWav(const std::filesystem::path& target);
  ~SpeechWav();
  SpeechWav(const SpeechWav&) = delete;
  SpeechWav& operator=(const SpeechWav&) = delete;

  // Writes the samples of `audio` inside `intervals` (seconds, sorted, not overlapping), end to
  // end: the WAV's length is the intervals' total, to the sample. Call once.
  void write(const media::AudioRecording& audio, std::span<const metrics::TimeInterval> intervals);

 private:
  [[noreturn]] void fail(const char* why) const;

  std::filesystem::path target_;
  AtomicFile file_;
  SNDFILE* wav_ = nullptr;
};

}  // namespace herlens::report
