#pragma once
// Writes chosen stretches of a pass's analysis audio (16 kHz mono, the centre channel of surround
// mixes) to one WAV, end to end: `herlens dialogue --export-wav` uses it to let you hear what was
// counted as speech.
#include <filesystem>
#include <span>

#include "herlens/media/audio_recording.hpp"
#include "herlens/metrics/voice_only.hpp"

namespace herlens::report {

// Writes the samples of `audio` inside `intervals` (seconds, sorted, not overlapping) to `wav` as
// 16-bit PCM at 16 kHz: its length is the intervals' total, to the sample. Written to a temporary
// file beside `wav` and renamed over it at the end. Throws Error(output) when `wav` cannot be
// written.
void export_audio_intervals(const media::AudioRecording& audio, std::span<const metrics::TimeInterval> intervals,
                            const std::filesystem::path& wav);

}  // namespace herlens::report
