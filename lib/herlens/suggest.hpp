#pragma once
// "Did you mean ...?": the nearest of a list of known names to a mistyped one, for subcommands,
// options, analyses and metric names alike, so every message suggests by the same rule.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace herlens {

// Edits (insert, delete, replace one character, or swap two neighbours) that turn `a` into `b`.
size_t edit_distance(std::string_view a, std::string_view b);

// The known name nearest to `typed`, when it is near enough to be what was meant: at most one
// edit for names of up to four characters, two up to eight and three beyond; or a name that
// starts with `typed`, or that `typed` starts with (either at least three characters). Ties go
// to the first in `known`. Comparison ignores case.
std::optional<std::string> nearest_name(std::string_view typed,
                                        const std::vector<std::string>& known);

// " (did you mean 'shots'?)" for a typed name near a known one, "" otherwise: ready to append to
// a message.
std::string did_you_mean(std::string_view typed, const std::vector<std::string>& known);

}  // namespace herlens
