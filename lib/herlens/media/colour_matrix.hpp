#pragma once
// Which YUV->RGB matrix and range a picture is converted with.
extern "C" {
#include <libavutil/pixfmt.h>
}

namespace herlens::media {

// The stream's own matrix when it states one; otherwise the rule video players use (metrics.md):
// BT.709 when width >= 1280 or height > 576, else BT.601.
AVColorSpace effective_matrix(AVColorSpace tagged, int width, int height);

// Limited ("tv") unless the stream says full ("pc") or uses a JPEG full-range pixel format.
bool is_full_range(AVColorRange tagged, AVPixelFormat format);

}  // namespace herlens::media
