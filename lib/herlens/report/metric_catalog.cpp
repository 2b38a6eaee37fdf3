#include "herlens/report/metric_catalog.hpp"

#include <array>
#include <string>

namespace herlens::report {

namespace {

constexpr std::array<MetricDefinition, 37> catalog{{
    {"runtime_minutes", "runtime", "minutes", "minutes", "length of the film: end of the last picture (or sound when there is no picture)"},
    {"shot_count", "shots", "shot_count", "count", "number of shots"},
    {"asl_seconds", "shots", "asl_seconds", "seconds", "average shot length: mean shot duration"},
    {"msl_seconds", "shots", "msl_seconds", "seconds", "median shot length"},
    {"shot_length_stdev_seconds", "shots", "stdev_seconds", "seconds", "standard deviation of shot durations"},
    {"shortest_shot_seconds", "shots", "shortest_shot_seconds", "seconds", "duration of the shortest shot"},
    {"longest_shot_seconds", "shots", "longest_shot_seconds", "seconds", "duration of the longest shot (the longest take)"},
    {"long_take_count", "shots", "long_take_count", "count", "shots lasting 20 seconds or more"},
    {"cuts_per_minute", "shots", "cuts_per_minute", "per minute", "shot changes per minute of film"},
    {"blue_share", "palette", "blue_share", "fraction", "pixel share of the blue family (hue 225-315, C* >= 10) in the active picture"},
    {"warm_share", "palette", "warm_share", "fraction", "pixel share of pink, red, orange/brown and yellow"},
    {"cool_share", "palette", "cool_share", "fraction", "pixel share of green, cyan/teal, blue and purple/magenta"},
    {"pastel_share", "palette", "pastel_share", "fraction", "pixel share of pastel pixels (L* >= 70, 10 <= C* < 35)"},
    {"pink_share", "palette", "pink_share", "fraction", "pixel share of the pink family (hue 345-15)"},
    {"red_share", "palette", "red_share", "fraction", "pixel share of the red family (hue 15-50)"},
    {"orange_brown_share", "palette", "orange_brown_share", "fraction", "pixel share of the orange/brown family (hue 50-85)"},
    {"yellow_share", "palette", "yellow_share", "fraction", "pixel share of the yellow family (hue 85-115)"},
    {"green_share", "palette", "green_share", "fraction", "pixel share of the green family (hue 115-170)"},
    {"cyan_teal_share", "palette", "cyan_teal_share", "fraction", "pixel share of the cyan/teal family (hue 170-225)"},
    {"purple_magenta_share", "palette", "purple_magenta_share", "fraction", "pixel share of the purple/magenta family (hue 315-345)"},
    {"black_share", "palette", "black_share", "fraction", "pixel share of achromatic black (C* < 10, L* < 20)"},
    {"grey_share", "palette", "grey_share", "fraction", "pixel share of achromatic grey"},
    {"white_share", "palette", "white_share", "fraction", "pixel share of achromatic white (C* < 10, L* > 85)"},
    {"mean_lightness", "palette", "mean_lightness", "L*", "mean CIE L* of the active picture"},
    {"mean_chroma", "palette", "mean_chroma", "C*", "mean CIE chroma of the active picture"},
    {"closeup_ratio", "framing", "closeup_ratio", "fraction", "shots classed CU or ECU / all shots"},
    {"closeup_time_ratio", "framing", "closeup_time_ratio", "fraction", "screen time of CU or ECU shots / runtime"},
    {"mcu_or_tighter_ratio", "framing", "mcu_or_tighter_ratio", "fraction", "shots classed MCU, CU or ECU / all shots"},
    {"face_shot_ratio", "framing", "face_shot_ratio", "fraction", "shots with at least one face / all shots"},
    {"wide_shot_ratio", "framing", "wide_shot_ratio", "fraction", "shots classed LS or ELS / all shots"},
    {"dialogue_minutes", "dialogue", "dialogue_minutes", "minutes", "total duration of speech segments"},
    {"dialogue_share", "dialogue", "dialogue_share", "fraction", "dialogue time / runtime"},
    {"voice_only_minutes", "dialogue", "voice_only_minutes", "minutes", "speech heard while no face is on screen (black or no face)"},
    {"voice_only_share", "dialogue", "voice_only_share", "fraction", "voice-only dialogue time / dialogue time"},
    {"voice_over_black_minutes", "dialogue", "over_black_minutes", "minutes", "speech heard over a black picture"},
    {"longest_voice_only_seconds", "dialogue", "longest_voice_only_seconds", "seconds", "longest stretch of voice-only speech"},
    {"speech_segment_count", "dialogue", "segment_count", "count", "number of speech segments"},
}};

}  // namespace

std::span<const MetricDefinition> metric_catalog() { return catalog; }

const MetricDefinition* find_metric(std::string_view name) {
  for (const MetricDefinition& metric : catalog)
    if (metric.name == name) return &metric;
  return nullptr;
}

std::optional<double> metric_value(const json::Value& summary, const MetricDefinition& metric) {
  const json::Value* part = summary.find(std::string(metric.part));
  if (!part) return std::nullopt;
  const json::Value* value = part->find(std::string(metric.key));
  if (!value || !value->is_number()) return std::nullopt;
  return value->as_number();
}

json::Value metrics_object(const json::Value& summary) {
  json::Object metrics;
  for (const MetricDefinition& metric : catalog) {
    const std::optional<double> value = metric_value(summary, metric);
    if (!value) continue;
    metrics.emplace_back(std::string(metric.name),
                         json::Object{{"value", *value},
                                      {"unit", std::string(metric.unit)},
                                      {"definition", std::string(metric.definition)}});
  }
  return metrics;
}

}  // namespace herlens::report
