#include "herlens/concurrency/thread_priority.hpp"

#include <sys/resource.h>
#include <unistd.h>

namespace herlens::concurrency {

void run_below_decoding() {
  // On Linux a nice value set through the thread id applies to that thread alone. At +10 its
  // share under contention is about a tenth of a default thread's; when the decoder blocks on a
  // full queue the thread runs anyway, so it slows down but never starves on its own.
  constexpr int analysis_niceness = 10;
  const int current = getpriority(PRIO_PROCESS, gettid());
  if (current < analysis_niceness) setpriority(PRIO_PROCESS, gettid(), analysis_niceness);
}

}  // namespace herlens::concurrency
