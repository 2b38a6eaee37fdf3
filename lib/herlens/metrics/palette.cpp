#include "herlens/metrics/palette.hpp"

#include <algorithm>
#include <limits>
#include <random>

namespace herlens::metrics {

namespace {

double distance2(const Lab& p, const Lab& q) {
  const double dl = p.L - q.L, da = p.a - q.a, db = p.b - q.b;
  return dl * dl + da * da + db * db;
}

size_t nearest(const Lab& p, const std::vector<Lab>& centres) {
  size_t best = 0;
  double best_d = std::numeric_limits<double>::infinity();
  for (size_t c = 0; c < centres.size(); ++c)
    if (const double d = distance2(p, centres[c]); d < best_d) best_d = d, best = c;
  return best;
}

// k-means++: each next centre drawn with probability proportional to its squared distance from
// the nearest centre so far, which spreads the start over the colours actually present.
std::vector<Lab> seed_centres(std::span<const Lab> pixels, int k, std::mt19937& random) {
  std::vector<Lab> centres{pixels[random() % pixels.size()]};
  std::vector<double> d2(pixels.size());
  for (size_t i = 0; i < pixels.size(); ++i) d2[i] = distance2(pixels[i], centres[0]);
  while (static_cast<int>(centres.size()) < k) {
    double total = 0;
    for (double d : d2) total += d;
    if (total <= 0) break;  // every pixel already sits on a centre: fewer distinct colours than k
    double pick = std::uniform_real_distribution<double>(0, total)(random);
    size_t chosen = 0;
    while (chosen + 1 < pixels.size() && (pick -= d2[chosen]) > 0) ++chosen;
    centres.push_back(pixels[chosen]);
    for (size_t i = 0; i < pixels.size(); ++i) d2[i] = std::min(d2[i], distance2(pixels[i], centres.back()));
  }
  return centres;
}

}  // namespace

const params::Table<PaletteParams>& PaletteParams::table() {
  static const params::Table<PaletteParams> table{
      "palette",
      {{"colours", "-k,--colours", "Colours in the palette (film and per shot)", &PaletteParams::colours, 1, 64},
       {"max_iterations", "", "k-means iterations at most", &PaletteParams::max_iterations, 1, 1000},
       {"seed", "", "k-means++ seed (fixed so results repeat)", &PaletteParams::seed, 0, 2147483647}}};
  return table;
}

std::vector<PaletteColour> palette(std::span<const Lab> pixels, const PaletteParams& params) {
  params.validate();
  if (pixels.empty()) return {};
  std::mt19937 random(params.seed);
  std::vector<Lab> centres = seed_centres(pixels, params.colours, random);
  std::vector<size_t> assigned(pixels.size(), centres.size());
  std::vector<int64_t> members(centres.size());
  for (int iteration = 0; iteration < params.max_iterations; ++iteration) {
    bool moved = false;
    for (size_t i = 0; i < pixels.size(); ++i) {
      const size_t c = nearest(pixels[i], centres);
      moved |= c != assigned[i];
      assigned[i] = c;
    }
    if (!moved) break;
    std::vector<Lab> sums(centres.size());
    std::fill(members.begin(), members.end(), 0);
    for (size_t i = 0; i < pixels.size(); ++i) {
      Lab& s = sums[assigned[i]];
      s.L += pixels[i].L, s.a += pixels[i].a, s.b += pixels[i].b;
      ++members[assigned[i]];
    }
    for (size_t c = 0; c < centres.size(); ++c)  // an emptied centre keeps its place
      if (members[c] > 0) centres[c] = {sums[c].L / members[c], sums[c].a / members[c], sums[c].b / members[c]};
  }
  std::fill(members.begin(), members.end(), 0);
  for (size_t c : assigned) ++members[c];
  std::vector<PaletteColour> result;
  for (size_t c = 0; c < centres.size(); ++c)
    if (members[c] > 0)
      result.push_back({centres[c], lab_to_srgb(centres[c]), double(members[c]) / double(pixels.size())});
  std::stable_sort(result.begin(), result.end(), [](const auto& x, const auto& y) { return x.share > y.share; });
  return result;
}

}  // namespace herlens::metrics
