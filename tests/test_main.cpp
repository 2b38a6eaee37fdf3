#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

extern "C" {
#include <libavutil/log.h>
}

int main(int argc, char** argv) {
  av_log_set_level(AV_LOG_QUIET);  // damaged test media is expected; keep the test log readable
  return doctest::Context(argc, argv).run();
}
