#include "herlens/metrics/colour.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <new>
#include <numbers>
#include <vector>

#include <fmt/format.h>

namespace herlens::metrics {

namespace {

// D65 reference white (CIE 1931 2-degree observer), the white sRGB is defined against.
constexpr double white_x = 0.95047, white_y = 1.0, white_z = 1.08883;
constexpr double epsilon = 216.0 / 24389.0;  // (6/29)^3: where the cube root gives way to a line
constexpr double kappa = 24389.0 / 27.0;

double to_linear(double component) {
  const double c = component / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double from_linear(double linear) {
  const double c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * std::pow(linear, 1 / 2.4) - 0.055;
  return c * 255.0;
}

double lab_f(double t) { return t > epsilon ? std::cbrt(t) : (kappa * t + 16.0) / 116.0; }
double lab_f_inverse(double f) {
  const double cube = f * f * f;
  return cube > epsilon ? cube : (116.0 * f - 16.0) / kappa;
}

// sRGB decoding of the 256 8-bit levels: the per-pixel exact path needs no pow().
const std::array<double, 256>& linear_levels() {
  static const std::array<double, 256> levels = [] {
    std::array<double, 256> l{};
    for (int i = 0; i < 256; ++i) l[i] = to_linear(i);
    return l;
  }();
  return levels;
}

Lab linear_to_lab(double lr, double lg, double lb) {
  const double x = 0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb;
  const double y = 0.2126729 * lr + 0.7151522 * lg + 0.0721750 * lb;
  const double z = 0.0193339 * lr + 0.1191920 * lg + 0.9503041 * lb;
  const double fx = lab_f(x / white_x), fy = lab_f(y / white_y), fz = lab_f(z / white_z);
  return {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

// Lower bounds of the chromatic families, in the order of Family from pink on.
constexpr std::array<double, 8> hue_starts = {345, 15, 50, 85, 115, 170, 225, 315};
constexpr double achromatic_below = 10, black_below = 20, white_above = 85;
constexpr double pastel_from_lightness = 70, pastel_below_chroma = 35;

PixelClass pack(const Lab& lab, int brightest) {
  const Family family = family_of(lab);
  uint8_t bits = static_cast<uint8_t>(family);
  if (is_chromatic(family) && is_pastel(lab)) bits |= 0x10;
  if (family == Family::black && brightest <= near_black_max_level) bits |= 0x20;
  return PixelClass{bits};
}

// How close (in L*a*b* units) a colour is to any boundary the classification depends on.
double distance_to_boundaries(const Lab& lab) {
  const double c = chroma(lab);
  double nearest = std::min({std::abs(c - achromatic_below), std::abs(c - pastel_below_chroma),
                             std::abs(lab.L - black_below), std::abs(lab.L - white_above),
                             std::abs(lab.L - pastel_from_lightness)});
  for (double start : hue_starts) {
    const double angle = start * std::numbers::pi / 180.0;
    const double along = lab.a * std::cos(angle) + lab.b * std::sin(angle);
    if (along > 0) nearest = std::min(nearest, std::abs(lab.b * std::cos(angle) - lab.a * std::sin(angle)));
  }
  return nearest;
}


struct SharedTables {
  std::vector<uint8_t> classes;               // 64^3 cells of 4 levels per component
  std::vector<std::array<int16_t, 4>> centres;  // 32^3 cells of 8 levels per component
};

// A cell holds the 4x4x4 colours 4q..4q+3 per component. It takes the class its corners agree on
// when no corner lies within `margin` of a boundary: the Lab mapping bends too little across 4
// levels for a boundary to pass between corners that far from it (the exhaustive test checks).
std::vector<uint8_t> build_classes() {
  constexpr int grid = 65;  // corner levels 0, 4, ..., 256 (clamped to 255): each cell's box and a bit more
  constexpr double margin = 0.5;  // 0 misses 4 of the 16.7 million colours
  std::vector<PixelClass> corner_class(grid * grid * grid);
  std::vector<uint8_t> corner_near(grid * grid * grid);
  for (int b = 0; b < grid; ++b)
    for (int g = 0; g < grid; ++g)
      for (int r = 0; r < grid; ++r) {
        const Rgb8 c{uint8_t(std::min(255, 4 * r)), uint8_t(std::min(255, 4 * g)), uint8_t(std::min(255, 4 * b))};
        const Lab lab = srgb_to_lab(c);
        const int i = (b * grid + g) * grid + r;
        corner_class[i] = pack(lab, std::max({c.r, c.g, c.b}));
        corner_near[i] = distance_to_boundaries(lab) < margin;
      }
  std::vector<uint8_t> classes(64 * 64 * 64);
  for (int b = 0; b < 64; ++b)
    for (int g = 0; g < 64; ++g)
      for (int r = 0; r < 64; ++r) {
        bool agree = true;
        const uint8_t first = corner_class[(b * grid + g) * grid + r].bits;
        // The near-black level (23) ends exactly at a cell edge, so the 4q+4 corners of cells
        // reaching q = 5 must not veto it: compare only family and pastel there.
        const uint8_t mask = std::max({b, g, r}) == 5 ? 0x1f : 0xff;
        for (int corner = 0; corner < 8 && agree; ++corner) {
          const int i = ((b + (corner >> 2)) * grid + g + (corner >> 1 & 1)) * grid + r + (corner & 1);
          agree = !corner_near[i] && (corner_class[i].bits & mask) == (first & mask);
        }
        classes[b << 12 | g << 6 | r] = agree ? first : PixelClassifier::ambiguous;
      }
  return classes;
}

std::vector<std::array<int16_t, 4>> build_centres() {
  std::vector<std::array<int16_t, 4>> centres(32 * 32 * 32);
  for (int b = 0; b < 32; ++b)
    for (int g = 0; g < 32; ++g)
      for (int r = 0; r < 32; ++r) {
        const Lab lab = srgb_to_lab(8 * r + 3.5, 8 * g + 3.5, 8 * b + 3.5);
        centres[b << 10 | g << 5 | r] = {
            static_cast<int16_t>(std::lround(lab.L * 100)), static_cast<int16_t>(std::lround(lab.a * 100)),
            static_cast<int16_t>(std::lround(lab.b * 100)), static_cast<int16_t>(std::lround(chroma(lab) * 100))};
      }
  return centres;
}

const SharedTables& shared_tables() {
  static const SharedTables tables{build_classes(), build_centres()};
  return tables;
}

// Exact answers worked out so far: class bits + 1 per 24-bit colour (0 = not yet known), cell by
// cell so that the 64 colours of a 6-bit cell share one cache line. Anonymous pages, which the
// kernel maps (zeroed) only where a colour is first written: the colours near a boundary that a
// film has cost memory, not all 16 MB. Threads read and write it through relaxed atomics: a
// colour's answer is the same whichever thread works it out.
uint8_t* remembered_answers() {
  static uint8_t* const table = [] {
    void* pages = mmap(nullptr, size_t(1) << 24, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                       -1, 0);
    if (pages == MAP_FAILED) throw std::bad_alloc();
    return static_cast<uint8_t*>(pages);
  }();
  return table;
}

}  // namespace

Lab srgb_to_lab(double r, double g, double b) { return linear_to_lab(to_linear(r), to_linear(g), to_linear(b)); }

Lab srgb_to_lab(Rgb8 c) {
  const auto& linear = linear_levels();
  return linear_to_lab(linear[c.r], linear[c.g], linear[c.b]);
}

Rgb8 lab_to_srgb(const Lab& lab) {
  const double fy = (lab.L + 16.0) / 116.0;
  const double x = white_x * lab_f_inverse(fy + lab.a / 500.0);
  const double y = white_y * lab_f_inverse(fy);
  const double z = white_z * lab_f_inverse(fy - lab.b / 200.0);
  const double lr = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
  const double lg = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
  const double lb = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
  const auto to8 = [](double linear) {
    return static_cast<uint8_t>(std::lround(std::clamp(from_linear(std::max(0.0, linear)), 0.0, 255.0)));
  };
  return {to8(lr), to8(lg), to8(lb)};
}

std::string hex(Rgb8 colour) { return fmt::format("#{:02x}{:02x}{:02x}", colour.r, colour.g, colour.b); }

double chroma(const Lab& lab) { return std::sqrt(lab.a * lab.a + lab.b * lab.b); }

double hue_degrees(const Lab& lab) {
  const double h = std::atan2(lab.b, lab.a) * 180.0 / std::numbers::pi;
  return h < 0 ? h + 360.0 : h;
}

std::string_view name(Family family) {
  switch (family) {
    case Family::black: return "black";
    case Family::grey: return "grey";
    case Family::white: return "white";
    case Family::pink: return "pink";
    case Family::red: return "red";
    case Family::orange_brown: return "orange_brown";
    case Family::yellow: return "yellow";
    case Family::green: return "green";
    case Family::cyan_teal: return "cyan_teal";
    case Family::blue: return "blue";
    case Family::purple_magenta: return "purple_magenta";
  }
  return "black";
}

Family family_of(const Lab& lab) {
  if (chroma(lab) < achromatic_below)
    return lab.L < black_below ? Family::black : lab.L > white_above ? Family::white : Family::grey;
  return hue_family(hue_degrees(lab));
}

Family hue_family(double h) {
  // Every family but pink is [its start, the next start); pink takes the rest, through 0.
  for (size_t i = 1; i < hue_starts.size(); ++i) {
    const double end = i + 1 < hue_starts.size() ? hue_starts[i + 1] : hue_starts[0];
    if (h >= hue_starts[i] && h < end) return static_cast<Family>(3 + i);
  }
  return Family::pink;
}

bool is_chromatic(Family family) { return family >= Family::pink; }
bool is_warm(Family family) { return family >= Family::pink && family <= Family::yellow; }
bool is_cool(Family family) { return family >= Family::green; }

bool is_pastel(const Lab& lab) {
  const double c = chroma(lab);
  return lab.L >= pastel_from_lightness && c >= achromatic_below && c < pastel_below_chroma;
}

PixelClass classify_exact(Rgb8 colour) {
  return pack(srgb_to_lab(colour), std::max({colour.r, colour.g, colour.b}));
}

PixelClassifier::PixelClassifier()
    : classes_(shared_tables().classes.data()), centres_(shared_tables().centres.data()) {}

PixelClass PixelClassifier::exact(uint8_t b, uint8_t g, uint8_t r) {
  const size_t cell = size_t(b >> 2) << 12 | size_t(g >> 2) << 6 | size_t(r >> 2);
  std::atomic_ref<uint8_t> slot(remembered_answers()[cell << 6 | (b & 3) << 4 | (g & 3) << 2 | (r & 3)]);
  uint8_t known = slot.load(std::memory_order_relaxed);
  if (known == 0) {
    known = static_cast<uint8_t>(classify_exact({r, g, b}).bits + 1);
    slot.store(known, std::memory_order_relaxed);
  }
  return PixelClass{static_cast<uint8_t>(known - 1)};
}

}  // namespace herlens::metrics
