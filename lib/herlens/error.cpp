#include "herlens/error.hpp"

#include <fmt/format.h>

namespace herlens {

void check_range(std::string_view owner, std::string_view name, double value, double low, double high) {
  if (!(value >= low && value <= high))
    throw Error(ErrorKind::usage, fmt::format("{}: {} must be {}..{}, not {}", owner, name, low, high, value));
}

}  // namespace herlens
