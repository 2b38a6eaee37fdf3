#include "herlens/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <numeric>

namespace herlens {

namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

size_t allowed_edits(size_t length) { return length <= 4 ? 1 : length <= 8 ? 2 : 3; }

}  // namespace

size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: three rows of the Damerau-Levenshtein table are enough.
  std::vector<size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  std::iota(previous.begin(), previous.end(), size_t{0});
  for (size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t replace = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + replace});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> nearest_name(std::string_view typed,
                                        const std::vector<std::string>& known) {
  const std::string word = lowered(typed);
  if (word.empty()) return std::nullopt;
  std::optional<std::string> best;
  size_t best_edits = 0;
  for (const std::string& name : known) {
    const std::string candidate = lowered(name);
    if (candidate == word) return name;
    size_t edits = edit_distance(word, candidate);
    const bool prefix = (word.size() >= 3 && candidate.starts_with(word)) ||
                        (candidate.size() >= 3 && word.starts_with(candidate));
    if (edits > allowed_edits(std::max(word.size(), candidate.size())) && !prefix) continue;
    if (prefix) edits = std::min(edits, size_t{1});  // "shot" for "shots" is as near as a typo
    if (!best || edits < best_edits) best = name, best_edits = edits;
  }
  return best;
}

std::string did_you_mean(std::string_view typed, const std::vector<std::string>& known) {
  const std::optional<std::string> nearest = nearest_name(typed, known);
  return nearest ? fmt::format(" (did you mean '{}'?)", *nearest) : "";
}

}  // namespace herlens
