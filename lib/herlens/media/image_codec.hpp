#pragma once
// Still pictures to and from PNG and JPEG bytes, with libpng and libjpeg-turbo. OpenCV's imgcodecs
// would do the same, but it brings GDAL, GDCM and a hundred more libraries into every process:
// about 0.13 s of loading and 34 MB of resident memory for nothing herlens reads.
#include <cstdint>
#include <span>
#include <vector>

#include <opencv2/core.hpp>

namespace herlens::media {

// An 8-bit picture of 1, 3 or 4 channels (grey, BGR, BGRA: OpenCV's order) as a PNG file's bytes.
// Throws Error(internal) for any other picture, or when libpng fails.
std::vector<uint8_t> encode_png(const cv::Mat& picture);

// An 8-bit BGR picture as a baseline JPEG file's bytes (4:2:0), at `quality` (1-100).
// Throws Error(internal) for any other picture, or when libjpeg fails.
std::vector<uint8_t> encode_jpeg(const cv::Mat& bgr, int quality);

// A JPEG file's bytes as an 8-bit BGR picture; an empty picture when the bytes are not a JPEG
// file libjpeg can read.
cv::Mat decode_jpeg(std::span<const uint8_t> bytes);

}  // namespace herlens::media
