#pragma once
#include <vector>

#include "herlens/claims/claim.hpp"
#include "herlens/metrics/film_summary.hpp"
#include "herlens/report/html.hpp"
#include "herlens/report/outputs.hpp"

namespace herlens::report {

// report.html for a film, to be looked at before it is read: the whole film on one timeline
// (shots by scale, colour, speech by what the picture shows, black), the headline figures under
// readable names beside the names claims use, and per analysis its pictures, each titled and
// captioned with its units: the shot-length graph and histogram, the longest takes and a shot
// table with a thumbnail per shot, the colour families with their evidence frames, contact sheets
// by scale, the speech. Times read HH:MM:SS.mmm, in tables with frames and SMPTE timecode too.
// `verdicts`: claims checked against this film, shown with their values and links to the
// evidence. Everything comes from what the pass measured: nothing is decoded again.
HtmlPage report_page(const metrics::FilmSummary& summary, const Outputs& outputs,
                     const std::vector<claims::Verdict>& verdicts = {});

// A metric's name as a reader would say it ("Average shot length (ASL)" for asl_seconds).
std::string readable_metric_name(std::string_view name);

}  // namespace herlens::report
