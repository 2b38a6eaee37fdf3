#include "herlens/report/summary_json.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "herlens/metrics/metric_catalog.hpp"
#include "herlens/report/dialogue_report.hpp"
#include "herlens/report/framing_report.hpp"
#include "herlens/report/palette_report.hpp"
#include "herlens/report/shots_report.hpp"

namespace herlens::report {

namespace {

using nlohmann::ordered_json;

ordered_json decode_json(const metrics::FilmSummary& summary) {
  return {{"video_frames", summary.decode.video_frames},
          {"audio_seconds", double(summary.decode.audio_samples) / media::analysis_sample_rate},
          {"decode_errors", summary.decode.decode_errors},
          {"ended_early", summary.decode.ended_early},
          {"timestamps_ignored", summary.decode.timestamps_ignored}};
}

// What film time 0 is in the file, whether it has sound, and with a picture its rate, size and
// first picture's time: what the exports need to count frames and describe the file
// (docs/exports.md).
ordered_json timeline_json(const metrics::FilmSummary& summary) {
  ordered_json json{{"start_offset_seconds", summary.clock.start_offset}, {"has_audio", summary.clock.has_audio}};
  if (summary.timing.video_frames > 0) {
    const media::Ratio& rate = summary.clock.frame_rate;
    json["frame_rate"] = fmt::format("{}/{}", rate.num, rate.den);
    json["variable_frame_rate"] = summary.timing.variable_frame_rate();
    json["first_picture_seconds"] = summary.timing.first_time;
    json["width"] = summary.clock.width;
    json["height"] = summary.clock.height;
  }
  return json;
}

ordered_json metrics_json(const metrics::FilmSummary& summary) {
  ordered_json json = ordered_json::object();
  for (const metrics::MetricDefinition& metric : metrics::metric_catalog())
    if (const std::optional<double> value = metric.value(summary))
      json[metric.name] = {{"value", *value}, {"unit", metric.unit}, {"definition", metric.definition}};
  return json;
}

ordered_json provenance_json(const metrics::Provenance& provenance) {
  ordered_json options = ordered_json::object();
  for (const params::Group& group : provenance.options) {
    std::string key = group.owner;  // "shot detector" -> "shot_detector"
    std::replace(key.begin(), key.end(), ' ', '_');
    for (const params::Value& value : group.values)
      options[key][value.name] = value.integer ? ordered_json(std::llround(value.value)) : ordered_json(value.value);
  }
  ordered_json models = ordered_json::array();
  const auto file = [](const metrics::FileDigest& f) { return ordered_json{{"path", f.path}, {"sha256", f.sha256}}; };
  for (const metrics::FileDigest& model : provenance.models) models.push_back(file(model));
  return {{"herlens_version", provenance.herlens_version},
          {"options", options},
          {"models", models},
          {"shot_list", provenance.shot_list ? file(*provenance.shot_list) : ordered_json()}};
}

}  // namespace

ordered_json summary_json(const metrics::FilmSummary& summary) {
  ordered_json json{{"input", summary.input},
                    {"input_path", summary.input_path},
                    {"runtime", {{"seconds", summary.runtime_seconds()}, {"minutes", summary.runtime_seconds() / 60}}},
                    {"timeline", timeline_json(summary)},
                    {"decode", decode_json(summary)}};
  if (summary.shots) json["shots"] = shots_json(*summary.shots);
  if (summary.palette) json["palette"] = palette_json(*summary.palette);
  if (summary.framing) json["framing"] = framing_json(*summary.framing);
  if (summary.dialogue) json["dialogue"] = dialogue_json(*summary.dialogue);
  ordered_json skipped = ordered_json::array();
  for (const metrics::SkippedAnalysis& s : summary.skipped)
    skipped.push_back({{"analysis", metrics::name(s.analysis)}, {"reason", s.reason}});
  json["skipped"] = std::move(skipped);
  json["metrics"] = metrics_json(summary);
  json["provenance"] = provenance_json(summary.provenance);
  return json;
}

}  // namespace herlens::report
