#include "herlens/media/pixel_grid.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

extern "C" {
#include <libavutil/csp.h>
#include <libavutil/pixdesc.h>
}

#include "herlens/media/colour_matrix.hpp"

namespace herlens::media {

namespace {

// `n` written in `base` and mirrored about the point: 0.d1d2d3... (van der Corput's sequence).
double radical_inverse(uint64_t n, unsigned base) {
  double value = 0, digit = 1.0 / base;
  for (; n > 0; n /= base, digit /= base) value += digit * double(n % base);
  return value;
}

// The grid's phase for a frame: the Halton sequence in bases 2 and 3, which spreads any run of
// frames evenly over the cell between grid lines, whatever the cell's size in pixels.
std::array<double, 2> grid_phase(int64_t position) {
  const auto n = static_cast<uint64_t>(position);
  return {radical_inverse(n, 2), radical_inverse(n, 3)};
}

// One component of a pixel format whose values sit whole in bytes (no bit packing, no palette).
struct Component {
  const uint8_t* data = nullptr;
  int linesize = 0, step = 0, offset = 0, shift = 0, depth = 8;
  bool wide = false, big_endian = false;  // 16-bit containers
  int width = 0, height = 0;              // of its plane, in samples

  int at(int x, int y) const {
    const uint8_t* p = data + ptrdiff_t(y) * linesize + ptrdiff_t(x) * step + offset;
    const int raw = wide ? (big_endian ? (p[0] << 8 | p[1]) : (p[1] << 8 | p[0])) : p[0];
    return (raw >> shift) & ((1 << depth) - 1);
  }
};

// Where a chroma plane's samples sit on the luma grid: sample i at `origin` + i * `spacing`.
struct Siting {
  double origin = 0, spacing = 1;
};

// Chroma positions as the stream states them (unstated: left and vertically centred, MPEG-2's and
// H.264's default).
std::array<Siting, 2> chroma_siting(AVChromaLocation location, int log2_w, int log2_h) {
  const double fw = 1 << log2_w, fh = 1 << log2_h;
  double horizontal = 0, vertical = (fh - 1) / 2;
  switch (location) {
    case AVCHROMA_LOC_CENTER: horizontal = (fw - 1) / 2; break;
    case AVCHROMA_LOC_TOPLEFT: vertical = 0; break;
    case AVCHROMA_LOC_TOP: horizontal = (fw - 1) / 2, vertical = 0; break;
    case AVCHROMA_LOC_BOTTOMLEFT: vertical = fh - 1; break;
    case AVCHROMA_LOC_BOTTOM: horizontal = (fw - 1) / 2, vertical = fh - 1; break;
    default: break;
  }
  return {Siting{horizontal, fw}, Siting{vertical, fh}};
}

// Where a luma position falls between a chroma plane's samples on one axis: between samples `a`
// and `b` (clamped to the plane), `t` of the way to `b`.
struct Tap {
  int a = 0, b = 0;
  double t = 0;
};

Tap tap(int at, const Siting& siting, int samples) {
  const double u = (at - siting.origin) / siting.spacing;
  const int u0 = static_cast<int>(std::floor(u));
  return {std::clamp(u0, 0, samples - 1), std::clamp(u0 + 1, 0, samples - 1), u - u0};
}

// The component value between its plane's four nearest samples.
double interpolated(const Component& c, const Tap& across, const Tap& down) {
  return (1 - down.t) * ((1 - across.t) * c.at(across.a, down.a) + across.t * c.at(across.b, down.a)) +
         down.t * ((1 - across.t) * c.at(across.a, down.b) + across.t * c.at(across.b, down.b));
}

uint8_t to_byte(double value) { return static_cast<uint8_t>(std::clamp(value, 0.0, 255.0) + 0.5); }

// Reads the grid straight from the frame's planes. False when the format is not one whose
// components are whole bytes or 16-bit words (bit-packed, paletted, float, Bayer, hardware).
bool read_planes(const AVFrame& frame, cv::Size size, std::array<double, 2> phase, cv::Mat& out) {
  const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(frame.format));
  if (!desc || (desc->flags & (AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_BITSTREAM | AV_PIX_FMT_FLAG_HWACCEL |
                               AV_PIX_FMT_FLAG_FLOAT | AV_PIX_FMT_FLAG_BAYER)))
    return false;
  const bool rgb = desc->flags & AV_PIX_FMT_FLAG_RGB;
  const int colour_components = desc->nb_components >= 3 ? 3 : 1;  // gray, with or without alpha: one
  std::array<Component, 3> components;
  for (int i = 0; i < colour_components; ++i) {
    const AVComponentDescriptor& d = desc->comp[i];
    if (d.depth + d.shift > 16) return false;
    const bool wide = d.depth + d.shift > 8;
    const bool chroma = !rgb && (i == 1 || i == 2);
    components[i] = {frame.data[d.plane], frame.linesize[d.plane], d.step, d.offset, d.shift, d.depth, wide,
                     bool(desc->flags & AV_PIX_FMT_FLAG_BE),
                     chroma ? AV_CEIL_RSHIFT(frame.width, desc->log2_chroma_w) : frame.width,
                     chroma ? AV_CEIL_RSHIFT(frame.height, desc->log2_chroma_h) : frame.height};
    if (!components[i].data) return false;
  }
  const int depth = components[0].depth;
  const double top = (1 << depth) - 1;

  out.create(size, CV_8UC3);
  std::vector<int> columns(size.width);
  for (int k = 0; k < size.width; ++k) columns[k] = grid_line(k, size.width, frame.width, phase[0]);
  if (rgb || colour_components == 1) {
    // R, G, B (or gray, taken as full range) scaled to bytes; the descriptor's order is R, G, B.
    for (int r = 0; r < size.height; ++r) {
      const int y = grid_line(r, size.height, frame.height, phase[1]);
      uint8_t* p = out.ptr<uint8_t>(r);
      for (const int x : columns) {
        for (int c = 0; c < 3; ++c) {
          const Component& source = components[colour_components == 1 ? 0 : 2 - c];  // B, G, R
          *p++ = to_byte(source.at(x, y) * (255.0 / ((1 << source.depth) - 1)));
        }
      }
    }
    return true;
  }

  // Y'CbCr to R'G'B' with the stream's matrix and range, in units of a byte.
  const AVColorSpace matrix = effective_matrix(frame.colorspace, frame.width, frame.height);
  const AVLumaCoefficients* luma = av_csp_luma_coeffs_from_avcsp(matrix);
  if (!luma) luma = av_csp_luma_coeffs_from_avcsp(AVCOL_SPC_BT709);
  const double kr = av_q2d(luma->cr), kb = av_q2d(luma->cb), kg = 1 - kr - kb;
  const double unit = double(1 << (depth - 8));
  const bool full = is_full_range(frame.color_range, static_cast<AVPixelFormat>(frame.format));
  const double y_zero = full ? 0 : 16 * unit, c_zero = double(1 << (depth - 1));
  const double y_scale = full ? 255 / top : 255 / (219 * unit), c_scale = full ? 255 / top : 255 / (224 * unit);
  const auto siting = chroma_siting(frame.chroma_location, desc->log2_chroma_w, desc->log2_chroma_h);
  // Every row of the grid reads the same columns: their chroma taps are found once.
  std::vector<Tap> column_taps(size.width);
  for (int k = 0; k < size.width; ++k) column_taps[k] = tap(columns[k], siting[0], components[1].width);
  for (int r = 0; r < size.height; ++r) {
    const int y = grid_line(r, size.height, frame.height, phase[1]);
    const Tap row_tap = tap(y, siting[1], components[1].height);
    uint8_t* p = out.ptr<uint8_t>(r);
    for (int k = 0; k < size.width; ++k) {
      const double luma_value = (components[0].at(columns[k], y) - y_zero) * y_scale;
      const double cb = (interpolated(components[1], column_taps[k], row_tap) - c_zero) * c_scale;
      const double cr = (interpolated(components[2], column_taps[k], row_tap) - c_zero) * c_scale;
      const double red = luma_value + 2 * (1 - kr) * cr, blue = luma_value + 2 * (1 - kb) * cb;
      const double green = (luma_value - kr * red - kb * blue) / kg;
      *p++ = to_byte(blue), *p++ = to_byte(green), *p++ = to_byte(red);
    }
  }
  return true;
}

}  // namespace

cv::Size grid_size(int width, int height, int target_width) {
  const int columns = std::clamp(target_width, 1, std::max(1, width));
  const int rows = std::clamp(static_cast<int>(std::lround(double(height) * columns / std::max(1, width))), 1,
                              std::max(1, height));
  return {columns, rows};
}

void PixelGrid::sample(const AVFrame& frame, const DisplayShape& shape, int target_width, int64_t position,
                       cv::Mat& out) {
  const cv::Size size = grid_size(frame.width, frame.height, target_width);
  const auto phase = grid_phase(position);
  cv::Mat& coded = shape.orientation.upright() ? out : coded_;
  if (!read_planes(frame, size, phase, coded)) {
    // Converted whole at its coded size (square pixels, upright: the grid is taken as coded).
    converter_.convert(frame, {}, frame.width, converted_);
    coded.create(size, CV_8UC3);
    for (int r = 0; r < size.height; ++r) {
      const uint8_t* row = converted_.ptr<uint8_t>(grid_line(r, size.height, converted_.rows, phase[1]));
      uint8_t* p = coded.ptr<uint8_t>(r);
      for (int k = 0; k < size.width; ++k, p += 3) {
        const uint8_t* q = row + 3 * grid_line(k, size.width, converted_.cols, phase[0]);
        p[0] = q[0], p[1] = q[1], p[2] = q[2];
      }
    }
  }
  if (!shape.orientation.upright()) orient(coded_, shape.orientation, out);
}

}  // namespace herlens::media
