#pragma once
// Pictures that show colour: the film barcode and palette swatches (8-bit BGR, for Outputs).
#include <span>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/metrics/colour.hpp"
#include "herlens/metrics/palette.hpp"
#include "herlens/metrics/shot.hpp"

namespace herlens::report {

// One column per time slice (at most `width` slices, at most one per frame), `height` pixels
// tall, painted with the mean L*a*b* of the slice's frames. A slice never mixes shots: it takes
// only the frames of the shot that has the most frames in it. `frame_times` (seconds, rising) and
// `frame_means` hold one entry per frame; `shots` index those frames.
cv::Mat barcode(std::span<const double> frame_times, std::span<const metrics::Lab> frame_means,
                const std::vector<metrics::Shot>& shots, int width, int height);

// The palette as adjacent bands, each as wide as its share of `width`.
cv::Mat swatch(std::span<const metrics::PaletteColour> palette, int width, int height);

}  // namespace herlens::report
