#pragma once
// What the palette section is written as (docs/palette.md): tables palette (main), shot_palettes,
// shot_colours, colour_families, family_evidence; pictures barcode, palette and
// evidence_<family>_<rank>; and its JSON (<family>_share, warm_share, cool_share, pastel_share,
// mean_lightness, mean_chroma as fractions or L*a*b* units, bars, the palette).
#include <vector>

#include <nlohmann/json.hpp>

#include "herlens/metrics/colour_summary.hpp"
#include "herlens/params/parameter.hpp"
#include "herlens/report/table.hpp"

namespace herlens::report {

struct Picture;

struct PaletteReportParams {
  int barcode_width = 1200;  // columns (time slices)
  int barcode_height = 200;  // pixels
  int swatch_width = 800;    // pixels
  int swatch_height = 120;   // pixels
  static const params::Table<PaletteReportParams>& table();
  void validate() const { params::check(*this, table()); }  // throws Error(usage) naming the bad value
};

// The palette tables, main table first.
std::vector<Table> palette_tables(const metrics::ColourSummary& colour);
// The picture of a piece of evidence: evidence_<family>_<rank>.
std::string evidence_name(const metrics::Evidence& e);
// Pictures evidence_<family>_<n>, barcode and palette, drawn from `colour` when written.
std::vector<Picture> palette_pictures(const metrics::ColourSummary& colour, const PaletteReportParams& params);
std::vector<Picture> palette_pictures(metrics::ColourSummary&&, const PaletteReportParams&) = delete;
nlohmann::ordered_json palette_json(const metrics::ColourSummary& colour);

}  // namespace herlens::report
