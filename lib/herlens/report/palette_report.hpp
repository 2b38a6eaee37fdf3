#pragma once
// What `herlens palette` produces (and `herlens report` reuses): tables palette (main),
// shot_palettes, shot_colours, colour_families, family_evidence; the summary keys herlens check
// reads (<family>_share, warm_share, cool_share, pastel_share, mean_lightness, mean_chroma, as
// fractions or L*a*b* units); pictures barcode, palette and evidence_<family>_<rank>.
#include "herlens/analyzers/colour_analyzer.hpp"
#include "herlens/report/outputs.hpp"

namespace herlens::report {

struct PaletteReportParams {
  int barcode_width = 1200;  // columns (time slices), 16..10000
  int barcode_height = 200;  // pixels, 8..2000
  int swatch_width = 800;    // pixels, 16..10000
  int swatch_height = 120;   // pixels, 8..2000
  void validate() const;     // throws Error(usage) naming the bad value
};

// Adds the palette tables, summary keys and pictures to `outputs` (main table included).
void add_palette_report(const analyzers::ColourSummary& colour, const PaletteReportParams& params, Outputs& outputs);

}  // namespace herlens::report
