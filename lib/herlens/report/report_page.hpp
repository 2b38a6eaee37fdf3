#pragma once
#include "herlens/report/film_report.hpp"
#include "herlens/report/html.hpp"

namespace herlens::report {

// report.html for a film report: headline figures, pictures and main tables of every part, with
// short explanations of what each number means.
HtmlPage report_page(const FilmReport& report);

}  // namespace herlens::report
