#pragma once
// corpus run: every film of a manifest through `herlens report`, each in a child process of its
// own so a film that fails (or crashes) never stops the others, `jobs` at a time.
//
// Resume rule: a film is skipped when its record says it was analysed (exit code 0) from a file of
// the same size and modification time, with the same options and herlens version, and its report
// folder is there. Anything else runs again: a failed film, a changed file, other options, a run
// killed before its record was written.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "herlens/corpus/corpus_folder.hpp"
#include "herlens/corpus/manifest.hpp"

namespace herlens::corpus {

// This share of a corpus: the analysable films whose position p satisfies p % count == index.
struct Shard {
  int index = 0;
  int count = 1;
};
// "3/10" -> {3, 10}; Error(usage) otherwise.
Shard parse_shard(const std::string& text);

struct RunOptions {
  std::filesystem::path herlens;              // the herlens executable the films are run with
  std::vector<std::string> report_arguments;  // options for `herlens report` that shape the results
  int jobs = 1;                               // films at a time, 1..256
  Shard shard;
  bool progress = true;                       // film count and ETA on stderr
};

// Decoder threads per film so `jobs` films use `cpus` without oversubscribing them.
int threads_per_film(int cpus, int jobs);

struct RunTotals {
  int analysed = 0;  // run now, successfully
  int skipped = 0;   // done before (resume rule)
  int failed = 0;    // run now, failed; or a bad manifest row
  double seconds = 0;
};

// Runs the shard's films into `folder` (which keeps the manifest and every film's record).
RunTotals run_corpus(const Manifest& manifest, const CorpusFolder& folder, const RunOptions& options);

}  // namespace herlens::corpus
