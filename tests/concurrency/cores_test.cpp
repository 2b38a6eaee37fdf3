// Usable CPUs follow the affinity mask (taskset, a Slurm allocation), not the machine's count.
#include <doctest/doctest.h>

#include <sched.h>

#include <thread>

#include "herlens/concurrency/cores.hpp"

TEST_CASE("usable CPUs: the affinity mask, so a film pinned to one CPU gets one") {
  const int all = herlens::concurrency::usable_cpus();
  CHECK(all >= 1);
  int pinned = 0;
  // On a thread of its own: on Linux the mask set through pid 0 is the calling thread's alone.
  std::thread([&pinned] {
    cpu_set_t mask;
    if (sched_getaffinity(0, sizeof mask, &mask) != 0) return;
    int first = 0;
    while (!CPU_ISSET(first, &mask)) ++first;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    if (sched_setaffinity(0, sizeof one, &one) == 0) pinned = herlens::concurrency::usable_cpus();
  }).join();
  CHECK(pinned == 1);
}
