// The one bounded worker queue (picture delivery and the face worker both run on it): order, the
// cost bound, the worker's priority, and what happens when the worker fails.
#include <doctest/doctest.h>

#include <sys/resource.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "herlens/concurrency/worker_queue.hpp"

using herlens::concurrency::WorkerQueue;

namespace {

// A gate the worker waits at until the test opens it.
class Gate {
 public:
  void wait() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [this] { return open_; });
  }
  void open() {
    {
      std::lock_guard lock(mutex_);
      open_ = true;
    }
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
};

}  // namespace

TEST_CASE("worker queue: items are processed one at a time, in push order, on another thread") {
  std::vector<int> seen;
  std::thread::id worker;
  WorkerQueue<int> queue(
      [&](int& item) {
        seen.push_back(item);
        worker = std::this_thread::get_id();
      },
      3);
  for (int i = 0; i < 100; ++i) queue.push(i);
  queue.finish();
  REQUIRE(seen.size() == 100);
  for (int i = 0; i < 100; ++i) CHECK(seen[i] == i);
  CHECK(worker != std::this_thread::get_id());
}

TEST_CASE("worker queue: waiting items are bounded by their cost, one item always fits") {
  Gate gate;
  std::atomic<int> pushed = 0;
  // Costs 2 each, 5 allowed: two wait while the worker holds a third.
  WorkerQueue<int> queue([&](int&) { gate.wait(); }, 5, [](const int&) { return size_t{2}; });
  std::thread producer([&] {
    for (int i = 0; i < 10; ++i) {
      queue.push(i);
      ++pushed;
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(pushed == 3);
  gate.open();
  producer.join();
  queue.finish();
  CHECK(pushed == 10);

  std::vector<int> big;
  WorkerQueue<int> oversized([&](int& item) { big.push_back(item); }, 1, [](const int&) { return size_t{100}; });
  for (int i = 0; i < 5; ++i) oversized.push(i);
  oversized.finish();
  CHECK(big.size() == 5);
}

TEST_CASE("worker queue: the worker runs below the producer's priority, which stays as it was") {
  const int producer = getpriority(PRIO_PROCESS, gettid());
  int worker = producer;
  WorkerQueue<int> queue([&](int&) { worker = getpriority(PRIO_PROCESS, gettid()); }, 1);
  queue.push(0);
  queue.finish();
  CHECK((worker > producer || producer == 19));  // also when the tests themselves run under `nice`
  CHECK(getpriority(PRIO_PROCESS, gettid()) == producer);
}

TEST_CASE("worker queue: what the worker throws comes back from push() or finish(), and stops it") {
  std::atomic<int> processed = 0;
  WorkerQueue<int> queue(
      [&](int& item) {
        if (item == 3) throw std::runtime_error("item 3 is bad");
        ++processed;
      },
      1);
  const auto push_all = [&] {
    for (int i = 0; i < 1000; ++i) queue.push(i);
    queue.finish();
  };
  CHECK_THROWS_WITH_AS(push_all(), "item 3 is bad", std::runtime_error);
  CHECK(processed == 3);  // nothing after the failure was processed
}

TEST_CASE("worker queue: destroyed without finish(), waiting items are dropped and the worker ends") {
  Gate started, gate;
  std::atomic<int> processed = 0;
  std::thread opener;
  {
    WorkerQueue<int> queue(
        [&](int&) {
          started.open();
          gate.wait();
          ++processed;
        },
        10);
    for (int i = 0; i < 5; ++i) queue.push(i);
    started.wait();  // the worker holds item 0; items 1-4 wait
    // The destructor drops the waiting items at once, then waits for the worker, which the gate
    // lets go well after that.
    opener = std::thread([&gate] {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      gate.open();
    });
  }
  opener.join();
  CHECK(processed == 1);
}
