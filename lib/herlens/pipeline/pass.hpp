#pragma once
// The one decode pass: hands every picture and audio block of an open source to every analyzer,
// in registration order. Parallel analyzers may get them on threads of their own, each in pass
// order, so results never depend on the threads.
#include <filesystem>
#include <limits>
#include <memory>
#include <span>

#include "herlens/media/source.hpp"
#include "herlens/params/parameter.hpp"
#include "herlens/pipeline/analyzer.hpp"

namespace herlens::pipeline {

struct PassOptions {
  int analysis_width = 320;  // pixels; width of the picture analyzers see
  int threads = 0;           // decoder threads, 0 = one per core
  // Threads running the per-frame analyzers, the picture delivery thread included: 1 = that thread
  // alone; more = parallel analyzers (Needs::parallel) spread over the others; 0 = one more per
  // parallel analyzer, unless the pass has a single core (`threads` 1, or one usable CPU).
  int analysis_threads = 0;
  bool progress = true;      // progress line on stderr when it is a terminal
  double start = 0;          // seconds: analyse [start, end) of the film
  double end = std::numeric_limits<double>::infinity();

  static const params::Table<PassOptions>& table();  // analysis_width, threads, analysis_threads
  void validate() const;  // throws Error(usage) naming the bad value
};

// Opens `input` for a pass (headers only). Throws Error(usage) for bad options, and what
// media::open_source() throws.
std::unique_ptr<media::Source> open_for_pass(const std::filesystem::path& input, const PassOptions& options);

struct PassResult {
  media::SourceInfo source;
  media::DecodeStats stats;
};

// Runs the pass over `source`: decodes what the analyzers need and the source has, then calls
// every analyzer's finish(). Throws Error(decode) when pictures were wanted and the input has a
// picture but not one decoded (or, for sound alone, no sound decoded).
PassResult run_pass(media::Source& source, std::span<Analyzer* const> analyzers, const PassOptions& options);

}  // namespace herlens::pipeline
