#pragma once
// corpus merge: the corpus folder's films as one table, written beside them: corpus.csv,
// corpus.json and corpus.html (comparison charts and the failures).
#include "herlens/corpus/corpus_folder.hpp"
#include "herlens/corpus/corpus_table.hpp"
#include "herlens/report/html.hpp"

namespace herlens::corpus {

// Charts of the headline metrics per film and, when the manifest has a numeric `year` column,
// against the year; the failures; the whole table.
report::HtmlPage corpus_page(const CorpusTable& corpus);

// Loads the corpus and writes the three files atomically. Throws Error(input) for a folder that
// is not a corpus, Error(output) when a file cannot be written.
CorpusTable merge_corpus(const CorpusFolder& folder);

}  // namespace herlens::corpus
