#pragma once
// CIE L*a*b* and the colour families of metrics.md ("Colour"): pure functions, plus a classifier
// that gives the same answer as family_of(srgb_to_lab(...)) for every 8-bit colour, fast enough to
// run on every pixel of every frame.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace herlens::metrics {

// CIE L*a*b* under D65: L in 0..100, a and b roughly -128..128.
struct Lab {
  double L = 0, a = 0, b = 0;
};

struct Rgb8 {
  uint8_t r = 0, g = 0, b = 0;
};

// sRGB components on the 0..255 scale (fractions allowed) to L*a*b*, in floating point.
Lab srgb_to_lab(double r, double g, double b);
Lab srgb_to_lab(Rgb8 colour);  // the same for 8-bit colours, through a table of the 256 levels
// The nearest 8-bit sRGB colour (out-of-gamut components are clipped).
Rgb8 lab_to_srgb(const Lab& lab);
// "#rrggbb", lower case.
std::string hex(Rgb8 colour);

double chroma(const Lab& lab);       // C* = sqrt(a*^2 + b*^2)
double hue_degrees(const Lab& lab);  // h = atan2(b*, a*) in degrees, 0 <= h < 360

enum class Family : uint8_t {
  black, grey, white,  // achromatic: C* < 10
  pink, red, orange_brown, yellow, green, cyan_teal, blue, purple_magenta,
};
inline constexpr int family_count = 11;
inline constexpr std::array<Family, family_count> all_families = {
    Family::black, Family::grey,         Family::white,  Family::pink,
    Family::red,   Family::orange_brown, Family::yellow, Family::green,
    Family::cyan_teal, Family::blue,     Family::purple_magenta};

// Snake-case name used in tables and summary keys: "black", ..., "orange_brown", "cyan_teal".
std::string_view name(Family family);
Family family_of(const Lab& lab);
// The chromatic family of a hue angle in degrees (0 <= h < 360), lower bounds inclusive.
Family hue_family(double hue_degrees);
bool is_chromatic(Family family);
bool is_warm(Family family);  // pink, red, orange/brown, yellow
bool is_cool(Family family);  // green, cyan/teal, blue, purple/magenta
bool is_pastel(const Lab& lab);  // L* >= 70 and 10 <= C* < 35

// Near-black: a black-family pixel whose brightest component is at most this level. Letterbox
// bars are made of such pixels; a dark but visibly coloured pixel is not near-black.
inline constexpr int near_black_max_level = 23;

// What one pixel is, packed in a byte.
struct PixelClass {
  uint8_t bits = 0;
  Family family() const { return static_cast<Family>(bits & 0x0f); }
  bool pastel() const { return bits & 0x10; }
  bool near_black() const { return bits & 0x20; }
};
PixelClass classify_exact(Rgb8 colour);

// Classifies 8-bit colours through a table of 6-bit cells (4x4x4 colours); the few cells a family,
// pastel or near-black boundary passes through fall back to the exact answer, remembered per
// colour. The tables are built once per process (about 50 ms) and shared by every instance and
// thread: the cell tables are small enough to stay in a core's cache (256 KB each), the memory of
// exact answers (one byte per 24-bit colour) takes memory only where such colours were met.
class PixelClassifier {
 public:
  PixelClassifier();
  PixelClass operator()(uint8_t b, uint8_t g, uint8_t r) const {
    const uint8_t bits = classes_[(b >> 2) << 12 | (g >> 2) << 6 | (r >> 2)];
    return bits != ambiguous ? PixelClass{bits} : exact(b, g, r);
  }
  // L*, a*, b*, C* times 100 of the centre of the colour's 5-bit cell (8x8x8 colours): within
  // about two units, unbiased on average over a cell; for means, never for classes.
  const std::array<int16_t, 4>& approximate_lab(uint8_t b, uint8_t g, uint8_t r) const {
    return centres_[(b >> 3) << 10 | (g >> 3) << 5 | (r >> 3)];
  }

  static constexpr uint8_t ambiguous = 0xff;

 private:
  static PixelClass exact(uint8_t b, uint8_t g, uint8_t r);

  const uint8_t* classes_;                   // per 6-bit cell: class bits, or `ambiguous`
  const std::array<int16_t, 4>* centres_;    // per 5-bit cell
};

}  // namespace herlens::metrics
