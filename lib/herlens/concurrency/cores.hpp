#pragma once

namespace herlens::concurrency {

// CPUs this process may run on: its affinity mask (taskset, a Slurm allocation), not the machine's
// count. At least 1.
int usable_cpus();

}  // namespace herlens::concurrency
