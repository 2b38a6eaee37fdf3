#pragma once
// Pictures the writers draw (8-bit BGR): the film barcode, palette swatches, and the pieces of
// contact sheets.
#include <span>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/metrics/colour.hpp"
#include "herlens/metrics/palette.hpp"
#include "herlens/metrics/shot.hpp"
#include "herlens/models/person_detector.hpp"

namespace herlens::report {

// One column per time slice (at most `width` slices, at most one per frame), `height` pixels
// tall, painted with the mean L*a*b* of the slice's frames. A slice never mixes shots: it takes
// only the frames of the shot that has the most frames in it. `frame_times` (seconds, rising) and
// `frame_means` hold one entry per frame; `shots` index those frames.
cv::Mat barcode(std::span<const double> frame_times, std::span<const metrics::Lab> frame_means,
                const std::vector<metrics::Shot>& shots, int width, int height);

// The palette as adjacent bands, each as wide as its share of `width`.
cv::Mat swatch(std::span<const metrics::PaletteColour> palette, int width, int height);

// A copy of `image` with each box (fractions of the picture: x, width of its width; y, height of
// its height) outlined in green.
cv::Mat with_boxes(const cv::Mat& image, std::span<const cv::Rect2f> boxes);
// A copy of `image` with each person's skeleton drawn: the parts scoring at least `min_part_score`
// (fractions of the image) as dots, joined along the limbs and the shoulders and hips, and the
// figure box the person was found through, where there is one, outlined.
cv::Mat with_people(const cv::Mat& image, std::span<const models::Person> people, double min_part_score);

// `image` with `caption` on a dark strip below it, its fields (separated by two spaces) wrapped
// into as many lines as the picture's width needs.
cv::Mat captioned(const cv::Mat& image, const std::string& caption);

// `tiles` left to right, top to bottom, `columns` to a row, on black with a small gap.
cv::Mat grid(const std::vector<cv::Mat>& tiles, int columns);

}  // namespace herlens::report
