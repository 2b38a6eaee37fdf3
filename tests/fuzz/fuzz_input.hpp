#pragma once
// One fuzz input through herlens's input path, shared by the libFuzzer target (input_fuzzer.cpp)
// and the replay of saved findings (tests/cli/fuzz_regression_test.cpp). The bytes after the first
// are a media file; it is probed, opened, decoded and analysed; the first byte picks the analyses
// (one bit each: shots, palette, framing, dialogue), so most runs stay cheap while every analyzer
// is reached. herlens must answer any input with a result or a herlens::Error naming what is
// wrong; an internal error or any other exception is a bug (and a crash, a sanitizer report or a
// hang is one too).
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <span>
#include <stdexcept>
#include <string>

#include "herlens/error.hpp"
#include "herlens/media/probe.hpp"
#include "herlens/pipeline/analyse.hpp"
#include "herlens/report/outputs.hpp"

namespace herlens::test {

// Where this process writes each input's media file for the analysis to open.
inline std::filesystem::path fuzz_input_file() {
  return std::filesystem::temp_directory_path() / ("herlens-fuzz-" + std::to_string(getpid()) + ".bin");
}

// Throws std::logic_error for a bug herlens reported itself (an internal error).
inline void analyse_fuzz_input(std::span<const uint8_t> data) {
  if (data.empty()) return;
  static const std::filesystem::path file = fuzz_input_file();
  // Removed after each input: libFuzzer's fork mode runs many processes, each with its own file.
  struct RemoveAtEnd {
    ~RemoveAtEnd() {
      std::error_code ignored;
      std::filesystem::remove(file, ignored);
    }
  } remove_at_end;
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data() + 1), std::streamsize(data.size() - 1));
  }
  const auto no_bug = [](const Error& error) {
    if (error.kind() == ErrorKind::internal) throw std::logic_error(error.what());
  };
  try {
    media::probe(file);
  } catch (const Error& error) {
    no_bug(error);
  }
  pipeline::AnalysisRequest request;
  for (size_t bit = 0; bit < metrics::all_analyses.size(); ++bit)
    if (data[0] & (1u << bit)) request.analyses.push_back(metrics::all_analyses[bit]);
  request.missing_stream = pipeline::WhenStreamMissing::skip;
  request.pass.progress = false;
  request.pass.threads = 1;
  request.pass.end = 20;  // seconds: a few hundred frames at most, whatever the file claims
  try {
    const pipeline::FilmAnalysis film = pipeline::analyse(file, request);
    report::outputs_of(film.summary, {}).summary.dump();
  } catch (const Error& error) {
    no_bug(error);
  }
}

}  // namespace herlens::test
