#pragma once
// Everything one run measured about a film, typed: one section per analysis that ran, the decode's
// health and timing, and what produced it. The joins (metrics/) build it; writers (report/) only
// format it; claims read it through the metric catalog (metric_catalog.hpp).
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herlens/media/source.hpp"
#include "herlens/metrics/colour_summary.hpp"
#include "herlens/metrics/dialogue.hpp"
#include "herlens/metrics/framing.hpp"
#include "herlens/metrics/shot_stats.hpp"
#include "herlens/metrics/timing.hpp"
#include "herlens/params/parameter.hpp"

namespace herlens::metrics {

// The analyses herlens runs (pipeline/analyses.hpp says how).
enum class Analysis { shots, palette, framing, dialogue };
inline constexpr std::array<Analysis, 4> all_analyses = {Analysis::shots, Analysis::palette, Analysis::framing,
                                                         Analysis::dialogue};
std::string_view name(Analysis analysis);  // "shots", "palette", "framing", "dialogue"
std::optional<Analysis> analysis_named(std::string_view name);

// A file a run read besides the film, and which version of it.
struct FileDigest {
  std::string path;
  std::string sha256;  // lower-case hex
};

// What produced a summary, so a number can be traced to the code, options, models and shot list
// behind it.
struct Provenance {
  std::string herlens_version;          // "0.1.0+g<commit>" when built from git
  std::vector<params::Group> options;   // every parameter the analyses used, by owner
  std::vector<FileDigest> models;       // trained model files the analyses ran
  std::optional<FileDigest> shot_list;  // the list the shots were read from (--shots); none: detected
};

struct SkippedAnalysis {
  Analysis analysis;
  std::string reason;  // "no audio stream"
};

struct FilmSummary {
  std::string input;                      // the file as given
  std::string input_path;                 // the file's absolute path: what exports link to
  media::DecodeStats decode;
  StreamTiming timing;                    // frames and sound decoded
  FilmClock clock;                        // the file's start time, picture rate and size
  std::vector<Analysis> analyses;         // those that ran, in the order asked
  std::vector<SkippedAnalysis> skipped;   // asked for, but the input lacks what they need
  std::optional<ShotsSection> shots;
  std::optional<ColourSummary> palette;
  std::optional<FramingSection> framing;
  std::optional<DialogueSection> dialogue;
  Provenance provenance;

  double runtime_seconds() const { return timing.runtime(); }
};

}  // namespace herlens::metrics
