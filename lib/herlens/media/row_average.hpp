#pragma once
// Shrinks a decoded Y'CbCr (or grey) picture vertically by averaging whole bands of its rows, so
// that libswscale only has to shrink it horizontally. Shrinking vertically, libswscale's conversion
// to RGB takes two levels of green off every grey, as its C code does on a picture's last two rows;
// with the height unchanged its SIMD code converts, and does not. 4:2:0 chroma comes out as 4:2:2:
// a chroma row for every output row, the area average of its band.
#include "herlens/media/av_ptr.hpp"

namespace herlens::media {

// The format average_rows() writes for pictures of `format`, or AV_PIX_FMT_NONE when it does not
// read that format (packed, semi-planar, paletted, big-endian, wider than 12 bits, ...).
AVPixelFormat row_averaged_format(AVPixelFormat format);

// Averages `frame` down to `height` rows (at most its own) into `out`, (re)allocated as
// row_averaged_format(frame.format), frame.width wide. Output row j is the rounded mean of the
// luma rows [j H / height, (j + 1) H / height) and of the chroma rows sited among them. `spare_rows`
// more rows follow, copies of the last.
void average_rows(const AVFrame& frame, int height, int spare_rows, AVFrame& out);

}  // namespace herlens::media
