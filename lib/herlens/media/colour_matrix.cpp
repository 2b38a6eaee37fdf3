#include "herlens/media/colour_matrix.hpp"

namespace herlens::media {

AVColorSpace effective_matrix(AVColorSpace tagged, int width, int height) {
  if (tagged != AVCOL_SPC_UNSPECIFIED && tagged != AVCOL_SPC_RESERVED) return tagged;
  return (width >= 1280 || height > 576) ? AVCOL_SPC_BT709 : AVCOL_SPC_SMPTE170M;
}

bool is_full_range(AVColorRange tagged, AVPixelFormat format) {
  if (tagged == AVCOL_RANGE_JPEG) return true;
  if (tagged == AVCOL_RANGE_MPEG) return false;
  switch (format) {
    case AV_PIX_FMT_YUVJ420P:
    case AV_PIX_FMT_YUVJ422P:
    case AV_PIX_FMT_YUVJ444P:
    case AV_PIX_FMT_YUVJ440P:
    case AV_PIX_FMT_YUVJ411P: return true;
    default: return false;
  }
}

}  // namespace herlens::media
