#pragma once
// A bounded queue with one worker thread: producers push items, the worker processes them one at a
// time in push order, below the decoder's priority (thread_priority.hpp). The queue is bounded by
// the summed cost of waiting items (bytes, or 1 per item for a count); one item may always wait,
// whatever its cost, so a single large item never deadlocks. Processing in order on one thread
// keeps results independent of timing.
//
// What the worker throws stops it: the queue is dropped, and the exception comes back from the
// next push() or from finish().
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "herlens/concurrency/thread_priority.hpp"

namespace herlens::concurrency {

template <typename Item>
class WorkerQueue {
 public:
  using Process = std::function<void(Item&)>;
  using Cost = std::function<size_t(const Item&)>;

  // `process` runs on the worker thread only. `max_cost`: what waiting items may cost in all;
  // `cost` of one item (default: 1, so `max_cost` counts items). The worker starts at once, so
  // whatever `process` uses must exist before the queue does: declare the queue last.
  WorkerQueue(Process process, size_t max_cost, Cost cost = [](const Item&) { return size_t{1}; })
      : process_(std::move(process)), cost_(std::move(cost)), max_cost_(max_cost), thread_([this] { work(); }) {}

  // Stops the worker; items still waiting are dropped.
  ~WorkerQueue() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
      queue_.clear();
      queued_cost_ = 0;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  WorkerQueue(const WorkerQueue&) = delete;
  WorkerQueue& operator=(const WorkerQueue&) = delete;

  // Blocks while the queue is full; rethrows what the worker threw, if it did.
  void push(Item item) {
    const size_t cost = cost_(item);
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return queue_.empty() || queued_cost_ + cost <= max_cost_ || failure_; });
    if (failure_) std::rethrow_exception(failure_);
    queued_cost_ += cost;
    queue_.push_back({std::move(item), cost});
    lock.unlock();
    changed_.notify_all();
  }

  // Waits until every item pushed is processed and the worker has ended; rethrows its failure.
  void finish() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) thread_.join();
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  struct Waiting {
    Item item;
    size_t cost;
  };

  void work() {
    run_below_decoding();
    for (;;) {
      std::unique_lock lock(mutex_);
      changed_.wait(lock, [this] { return !queue_.empty() || closed_; });
      if (queue_.empty()) return;  // closed and drained
      Waiting next = std::move(queue_.front());
      queue_.pop_front();
      queued_cost_ -= next.cost;
      lock.unlock();
      changed_.notify_all();
      try {
        process_(next.item);
      } catch (...) {
        lock.lock();
        failure_ = std::current_exception();
        queue_.clear();
        queued_cost_ = 0;
        lock.unlock();
        changed_.notify_all();
        return;
      }
    }
  }

  Process process_;
  Cost cost_;
  size_t max_cost_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Waiting> queue_;
  size_t queued_cost_ = 0;
  bool closed_ = false;  // no more items will come
  std::exception_ptr failure_;
  std::thread thread_;  // last: starts once everything above exists
};

}  // namespace herlens::concurrency
