#include "herlens/media/row_average.hpp"

#include <algorithm>
#include <vector>

extern "C" {
#include <libavutil/pixdesc.h>
}

#include "herlens/cpu_dispatch.hpp"

namespace herlens::media {

namespace {

// The rows of a plane averaged into output row `j` of `count`: those sited at one of the luma
// rows [j H / count, (j + 1) H / count), on a plane with a row per 2^log2 luma rows.
struct Band {
  int begin = 0, end = 1;
};

Band band(int j, int count, int luma_rows, int log2) {
  const int first = int(int64_t(j) * luma_rows / count);
  const int last = int(int64_t(j + 1) * luma_rows / count) - 1;
  return {first >> log2, (last >> log2) + 1};
}

// Sums each band of `rows` rows of one plane, column by column (a loop the compiler vectorises),
// and writes the means rounded half up.
template <typename Sample, typename Sum>
HERLENS_ALSO_AVX2 void average_plane(const uint8_t* data, int linesize, int width, int luma_rows, int log2,
                                     int rows, uint8_t* out, int out_linesize) {
  std::vector<Sum> sums(width);
  for (int j = 0; j < rows; ++j) {
    const Band b = band(j, rows, luma_rows, log2);
    std::fill(sums.begin(), sums.end(), Sum{0});
    for (int r = b.begin; r < b.end; ++r) {
      const auto* row = reinterpret_cast<const Sample*>(data + ptrdiff_t(r) * linesize);
      for (int x = 0; x < width; ++x) sums[x] += row[x];
    }
    // (sum + n / 2) / n in doubles: an error under 2^-30 cannot cross an integer, since a
    // quotient that is not whole lies at least 1/n from one. Exact, so the same on every CPU.
    const int n = b.end - b.begin;
    const double per_row = 1.0 / n;
    const Sum half = Sum(n / 2);
    auto* dst = reinterpret_cast<Sample*>(out + ptrdiff_t(j) * out_linesize);
    for (int x = 0; x < width; ++x) dst[x] = static_cast<Sample>(double(sums[x] + half) * per_row + 0x1p-30);
  }
}

}  // namespace

AVPixelFormat row_averaged_format(AVPixelFormat format) {
  switch (format) {
    case AV_PIX_FMT_YUV420P:
    case AV_PIX_FMT_YUVJ420P:
    case AV_PIX_FMT_YUV422P:
    case AV_PIX_FMT_YUVJ422P: return AV_PIX_FMT_YUV422P;
    case AV_PIX_FMT_YUV444P:
    case AV_PIX_FMT_YUVJ444P: return AV_PIX_FMT_YUV444P;
    case AV_PIX_FMT_YUV420P10LE:
    case AV_PIX_FMT_YUV422P10LE: return AV_PIX_FMT_YUV422P10LE;
    case AV_PIX_FMT_YUV444P10LE: return AV_PIX_FMT_YUV444P10LE;
    case AV_PIX_FMT_YUV420P12LE:
    case AV_PIX_FMT_YUV422P12LE: return AV_PIX_FMT_YUV422P12LE;
    case AV_PIX_FMT_YUV444P12LE: return AV_PIX_FMT_YUV444P12LE;
    case AV_PIX_FMT_GRAY8: return AV_PIX_FMT_GRAY8;
    default: return AV_PIX_FMT_NONE;
  }
}

void average_rows(const AVFrame& frame, int height, int spare_rows, AVFrame& out) {
  const auto format = static_cast<AVPixelFormat>(frame.format);
  const AVPixelFormat out_format = row_averaged_format(format);
  if (out.format != out_format || out.width != frame.width || out.height != height + spare_rows || !out.data[0]) {
    av_frame_unref(&out);
    out.format = out_format;
    out.width = frame.width;
    out.height = height + spare_rows;
    check_av(av_frame_get_buffer(&out, 0), "picture buffer");
  }
  const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(format);
  const int components = desc->nb_components >= 3 ? 3 : 1;
  // Bands are at most this many rows: 16-bit sums of 8-bit samples do not overflow.
  const int most_rows = (frame.height + height - 1) / height;
  for (int i = 0; i < components; ++i) {
    const int log2_w = i > 0 ? desc->log2_chroma_w : 0, log2_h = i > 0 ? desc->log2_chroma_h : 0;
    const int width = AV_CEIL_RSHIFT(frame.width, log2_w);
    const bool wide = desc->comp[i].depth > 8;
    if (wide)
      average_plane<uint16_t, uint32_t>(frame.data[i], frame.linesize[i], width, frame.height, log2_h, height,
                                        out.data[i], out.linesize[i]);
    else if (most_rows <= 257)
      average_plane<uint8_t, uint16_t>(frame.data[i], frame.linesize[i], width, frame.height, log2_h, height,
                                       out.data[i], out.linesize[i]);
    else
      average_plane<uint8_t, uint32_t>(frame.data[i], frame.linesize[i], width, frame.height, log2_h, height,
                                       out.data[i], out.linesize[i]);
    const uint8_t* last = out.data[i] + ptrdiff_t(height - 1) * out.linesize[i];
    for (int r = height; r < height + spare_rows; ++r)
      std::copy_n(last, wide ? 2 * width : width, out.data[i] + ptrdiff_t(r) * out.linesize[i]);
  }
}

}  // namespace herlens::media
