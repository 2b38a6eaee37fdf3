#pragma once
#include <string_view>

namespace herlens {

// The project version, with the git commit it was built from when built in a git checkout
// ("0.1.0+g1a2b3c4d5e6f", "-dirty" when the tree had changes). Set when CMake configures.
std::string_view version();

}  // namespace herlens
