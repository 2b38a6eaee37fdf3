// libFuzzer target over herlens's input path (scripts/fuzz runs it; fuzz_input.hpp says what one
// input goes through).
#include <cstdlib>

extern "C" {
#include <libavutil/log.h>
}

#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  av_log_set_level(AV_LOG_QUIET);  // as the CLI: herlens reports problems itself
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    herlens::test::analyse_fuzz_input({data, size});
  } catch (const std::logic_error&) {
    std::abort();  // a bug: libFuzzer keeps the input
  }
  return 0;
}
