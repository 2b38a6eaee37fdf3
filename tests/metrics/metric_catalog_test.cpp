// The metric catalog reads FilmSummary fields directly: every metric is present in a full summary
// of the bundled sample film, and absent where its analysis did not run.
#include <doctest/doctest.h>

#include <set>

#include "herlens/metrics/metric_catalog.hpp"
#include "herlens/pipeline/analyse.hpp"
#include "support/fixtures.hpp"

using namespace herlens::metrics;

namespace {

const FilmSummary& sample_summary() {
  static const FilmSummary summary = [] {
    herlens::pipeline::AnalysisRequest request;
    request.analyses = {all_analyses.begin(), all_analyses.end()};
    request.pass.progress = false;
    return herlens::pipeline::analyse(herlens::test::source_file("samples/her-sample.mp4"), request).summary;
  }();
  return summary;
}

}  // namespace

TEST_CASE("metric catalog: every metric has a value in a full summary of the sample film") {
  for (const MetricDefinition& metric : metric_catalog()) {
    CAPTURE(metric.name);
    const std::optional<double> value = metric.value(sample_summary());
    REQUIRE(value);
    CHECK(std::isfinite(*value));
  }
}

TEST_CASE("metric catalog: names are unique and found, a metric of an analysis that did not run is absent") {
  std::set<std::string> names;
  for (const MetricDefinition& metric : metric_catalog()) {
    CHECK(names.insert(metric.name).second);
    CHECK(find_metric(metric.name) == &metric);
    CHECK_FALSE(metric.definition.empty());
  }
  CHECK(find_metric("bleu_share") == nullptr);
  FilmSummary shots_only;
  shots_only.shots.emplace();
  shots_only.shots->stats.asl_seconds = 4.5;
  CHECK(find_metric("asl_seconds")->value(shots_only) == 4.5);
  CHECK_FALSE(find_metric("blue_share")->value(shots_only));
  CHECK(find_metric("runtime_minutes")->value(shots_only) == 0);  // every run has a runtime
}

TEST_CASE("metric catalog: voice-only metrics need a picture to see faces in") {
  FilmSummary audio_only;
  audio_only.dialogue.emplace();
  audio_only.dialogue->dialogue_seconds = 30;
  CHECK(find_metric("dialogue_minutes")->value(audio_only) == 0.5);
  CHECK_FALSE(find_metric("voice_only_share")->value(audio_only));
  CHECK_FALSE(find_metric("voice_over_black_minutes")->value(audio_only));
  audio_only.dialogue->picture.emplace();
  audio_only.dialogue->voice_only_share = 0.25;
  CHECK(find_metric("voice_only_share")->value(audio_only) == 0.25);
}
