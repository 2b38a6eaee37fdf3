// libFuzzer target over herlens's input path (scripts/fuzz runs it; fuzz_input.hpp says what one
// input goes through).
#include <cstdlib>

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    herlens::test::analyse_fuzz_input({data, size});
  } catch (const std::logic_error&) {
    std::abort();  // a bug: libFuzzer keeps the input
  }
  return 0;
}
