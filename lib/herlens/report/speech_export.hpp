#pragma once
// Writes chosen stretches of a file's analysis audio (16 kHz mono, the centre channel of surround
// mixes) to one WAV, end to end: `herlens dialogue --export-wav` uses it to let you hear what was
// counted as speech.
#include <filesystem>
#include <span>

#include "herlens/metrics/voice_only.hpp"

namespace herlens::report {

// Decodes the audio of `input` again (audio only: the pictures are skipped, which costs little next
// to the analysis pass and keeps the pass's memory free of sound) and writes the samples inside
// `intervals` (seconds, sorted, not overlapping) to `wav` as 16-bit PCM at 16 kHz: its length is
// the intervals' total, to the sample. Written to a temporary file beside `wav` and renamed over it
// at the end. `threads`: decoder threads, 0 = one per core. Throws Error(output) when `wav` cannot
// be written, and what opening and decoding the input throws.
void export_audio_intervals(const std::filesystem::path& input, std::span<const metrics::TimeInterval> intervals,
                            const std::filesystem::path& wav, int threads = 0);

}  // namespace herlens::report
