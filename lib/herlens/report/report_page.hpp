#pragma once
#include "herlens/metrics/film_summary.hpp"
#include "herlens/report/html.hpp"
#include "herlens/report/outputs.hpp"

namespace herlens::report {

// report.html for a film: headline figures, pictures and main tables of every analysis that ran
// (`outputs`, formatted from `summary`), with short explanations of what each number means, and
// the analyses skipped and why.
HtmlPage report_page(const metrics::FilmSummary& summary, const Outputs& outputs);

}  // namespace herlens::report
