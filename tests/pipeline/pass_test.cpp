// The pass's threads: parallel analyzers on lanes of their own see the same frames and sound, in the
// same order, as analyzers on the delivery thread; what they throw ends the pass; and the film's
// results do not depend on how many threads analysed it.
#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "herlens/error.hpp"
#include "herlens/pipeline/analyse.hpp"
#include "herlens/report/summary_json.hpp"
#include "support/collect.hpp"
#include "support/fixtures.hpp"

using herlens::test::Collector;
using herlens::test::media;

namespace {

// A collector that also notes the threads it was called on.
class ThreadNoting final : public herlens::pipeline::Analyzer {
 public:
  explicit ThreadNoting(bool parallel) : collector_({.video = true, .audio = true, .parallel = parallel}) {}
  std::string_view name() const override { return "thread noting"; }
  herlens::pipeline::Needs needs() const override { return collector_.needs(); }
  void on_video(const herlens::media::VideoFrame& frame) override {
    threads.push_back(std::this_thread::get_id());
    collector_.on_video(frame);
  }
  void on_audio(const herlens::media::AudioBlock& block) override {
    threads.push_back(std::this_thread::get_id());
    collector_.on_audio(block);
  }
  void finish() override { collector_.finish(); }
  const Collector& seen() const { return collector_; }
  std::vector<std::thread::id> threads;

 private:
  Collector collector_;
};

// Throws from its fifth picture.
class FailingAtFive final : public herlens::pipeline::Analyzer {
 public:
  std::string_view name() const override { return "failing"; }
  herlens::pipeline::Needs needs() const override { return {.video = true, .parallel = true}; }
  void on_video(const herlens::media::VideoFrame& frame) override {
    if (frame.index == 4) throw herlens::Error(herlens::ErrorKind::media, "picture five is unreadable");
  }
};

bool same_pictures(const Collector& a, const Collector& b) {
  if (a.frames.size() != b.frames.size()) return false;
  for (size_t i = 0; i < a.frames.size(); ++i) {
    const auto& x = a.frames[i];
    const auto& y = b.frames[i];
    if (x.index != y.index || x.time != y.time || x.picture.size() != y.picture.size() ||
        cv::norm(x.picture, y.picture, cv::NORM_INF) != 0)
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("pass: a parallel analyzer gets every frame and block in order, on a thread of its own") {
  ThreadNoting here(false), apart(true);
  std::vector<herlens::pipeline::Analyzer*> analyzers{&here, &apart};
  herlens::test::pass_over(media("basic.mp4"), analyzers, {.analysis_threads = 2, .progress = false});
  REQUIRE(here.seen().frames.size() > 10);
  CHECK(same_pictures(here.seen(), apart.seen()));
  CHECK(here.seen().audio == apart.seen().audio);
  CHECK(apart.seen().finished);
  REQUIRE(!here.threads.empty());
  REQUIRE(!apart.threads.empty());
  CHECK(apart.threads.front() != here.threads.front());

  // One analysis thread: everything on the delivery thread.
  ThreadNoting here_alone(false), apart_alone(true);
  std::vector<herlens::pipeline::Analyzer*> serial{&here_alone, &apart_alone};
  herlens::test::pass_over(media("basic.mp4"), serial, {.analysis_threads = 1, .progress = false});
  CHECK(same_pictures(here.seen(), apart_alone.seen()));
  CHECK(apart_alone.threads.front() == here_alone.threads.front());
}

TEST_CASE("pass: what a parallel analyzer throws ends the pass with its error") {
  FailingAtFive failing;
  Collector collector;
  std::vector<herlens::pipeline::Analyzer*> analyzers{&collector, &failing};
  CHECK_THROWS_WITH_AS(
      herlens::test::pass_over(media("basic.mp4"), analyzers, {.analysis_threads = 2, .progress = false}),
      "picture five is unreadable", herlens::Error);
  CHECK(!collector.finished);
}

TEST_CASE("pass: every analysis gives the same summary on one analysis thread as on several") {
  const auto summary_with = [](int analysis_threads) {
    herlens::pipeline::AnalysisRequest request;
    request.analyses = {herlens::metrics::all_analyses.begin(), herlens::metrics::all_analyses.end()};
    request.pass.progress = false;
    request.pass.threads = 2;
    request.pass.analysis_threads = analysis_threads;
    auto json = herlens::report::summary_json(herlens::pipeline::analyse(media("speakers/speakers.mp4"), request).summary);
    json.erase("provenance");
    return json;
  };
  const auto serial = summary_with(1);
  CHECK(serial.at("shots").at("shot_count").get<int>() > 1);
  CHECK(summary_with(3) == serial);
  CHECK(summary_with(0) == serial);
}
