#include "herlens/concurrency/thread_priority.hpp"

#include <algorithm>

#include <sys/resource.h>
#include <unistd.h>

namespace herlens::concurrency {

void run_below_decoding() {
  // On Linux a nice value set through the thread id applies to that thread alone. At +10 its
  // share under contention is about a tenth of a default thread's; when the decoder blocks on a
  // full queue the thread runs anyway, so it slows down but never starves on its own. Relative to
  // the thread's own: a herlens run under `nice` (a batch job) keeps the same order.
  constexpr int analysis_niceness = 10, lowest = 19;
  const int current = getpriority(PRIO_PROCESS, gettid());
  setpriority(PRIO_PROCESS, gettid(), std::min(current + analysis_niceness, lowest));
}

}  // namespace herlens::concurrency
