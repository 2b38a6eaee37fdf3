#pragma once
// Decoding is the pass's critical path: FFmpeg's frame threads wait on each other and leave part
// of every core idle. Analysis threads run at a lower priority so they fill that idle time instead
// of delaying the decoder; the bounded queues between them keep analysis from falling far behind.

namespace herlens::concurrency {

// Lowers the calling thread's scheduling priority by 10 nice levels (Linux, this thread only). Best
// effort: where that is not possible the thread keeps its priority.
void run_below_decoding();

}  // namespace herlens::concurrency
