#pragma once
// The one decode pass: opens the input once and hands every picture and audio block to every
// analyzer, in registration order.
#include <filesystem>
#include <limits>
#include <span>

#include "herlens/media/source.hpp"
#include "herlens/pipeline/analyzer.hpp"

namespace herlens::pipeline {

struct PassOptions {
  int analysis_width = 320;  // pixels; width of the picture analyzers see
  int threads = 0;           // decoder threads, 0 = one per core
  bool progress = true;      // progress line on stderr when it is a terminal
  double start = 0;          // seconds: analyse [start, end) of the film
  double end = std::numeric_limits<double>::infinity();
};

struct PassResult {
  media::SourceInfo source;
  media::DecodeStats stats;
};

// Runs the pass. Throws Error(missing_stream) before decoding when an analyzer requires a stream
// the input lacks, and Error(decode) when video was required but not one picture decoded.
PassResult run_pass(const std::filesystem::path& input, std::span<Analyzer* const> analyzers,
                    const PassOptions& options);

}  // namespace herlens::pipeline
