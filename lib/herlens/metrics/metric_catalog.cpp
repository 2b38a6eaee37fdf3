#include "herlens/metrics/metric_catalog.hpp"

#include <fmt/format.h>

#include <type_traits>
#include <vector>

namespace herlens::metrics {

namespace {

// A metric read from one section of the summary: nothing when that analysis did not run (or when
// `read` itself finds nothing).
template <typename Section, typename Read>
std::function<std::optional<double>(const FilmSummary&)> from(std::optional<Section> FilmSummary::*section,
                                                              Read read) {
  return [section, read](const FilmSummary& summary) -> std::optional<double> {
    const std::optional<Section>& part = summary.*section;
    if (!part) return std::nullopt;
    if constexpr (std::is_same_v<decltype(read(*part)), std::optional<double>>) return read(*part);
    else return static_cast<double>(read(*part));
  };
}

// A voice-only figure: known only when the film has a picture to see faces in.
template <typename Read>
auto with_picture(Read read) {
  return [read](const DialogueSection& x) -> std::optional<double> {
    if (!x.picture) return std::nullopt;
    return read(x);
  };
}

MetricDefinition family_share(Family family, std::string definition) {
  return {fmt::format("{}_share", name(family)), Analysis::palette, "fraction", std::move(definition),
          from(&FilmSummary::palette, [family](const ColourSummary& c) { return c.families[size_t(family)].pixel; })};
}

MetricDefinition transition_count(TransitionKind kind, std::string_view what) {
  return {fmt::format("{}_count", name(kind)), Analysis::shots, "count", fmt::format("number of {}", what),
          from(&FilmSummary::shots, [kind](const ShotsSection& x) { return x.transition_counts[size_t(kind)]; })};
}

std::vector<MetricDefinition> make_catalog() {
  constexpr double minutes = 60;
  using S = ShotsSection;
  using F = FramingSection;
  using D = DialogueSection;
  using C = ColourSummary;
  return {
      {"runtime_minutes", std::nullopt, "minutes",
       "length of the film: end of the last picture (or sound when there is no picture)",
       [](const FilmSummary& s) -> std::optional<double> { return s.runtime_seconds() / minutes; }},
      {"shot_count", Analysis::shots, "count", "number of shots",
       from(&FilmSummary::shots, [](const S& x) { return x.stats.shot_count; })},
      {"asl_seconds", Analysis::shots, "seconds", "average shot length: mean shot duration",
       from(&FilmSummary::shots, [](const S& x) { return x.stats.asl_seconds; })},
      {"msl_seconds", Analysis::shots, "seconds", "median shot length",
       from(&FilmSummary::shots, [](const S& x) { return x.stats.msl_seconds; })},
      {"shot_length_stdev_seconds", Analysis::shots, "seconds", "standard deviation of shot durations",
       from(&FilmSummary::shots, [](const S& x) { return x.stats.stdev_seconds; })},
      {"shortest_shot_seconds", Analysis::shots, "seconds", "duration of the shortest shot",
       from(&FilmSummary::shots, [](const S& x) { return x.stats.shortest_seconds; })},
      {"longest_shot_seconds", Analysis::shots, "seconds", "duration of the longest shot (the longest take)",
       from(&FilmSummary::shots, [](const S& x) { return x.stats.longest_seconds; })},
      {"long_take_count", Analysis::shots, "count", fmt::format("shots lasting {:g} seconds or more", long_take_seconds),
       from(&FilmSummary::shots, [](const S& x) { return x.long_take_count; })},
      {"cuts_per_minute", Analysis::shots, "per minute", "shot changes per minute of film",
       from(&FilmSummary::shots, [](const S& x) { return x.stats.cuts_per_minute; })},
      transition_count(TransitionKind::cut, "hard cuts"),
      transition_count(TransitionKind::dissolve, "dissolves"),
      transition_count(TransitionKind::fade_in, "fades in from black"),
      transition_count(TransitionKind::fade_out, "fades out to black"),
      family_share(Family::blue, "pixel share of the blue family (hue 225-315, C* >= 10) in the active picture"),
      {"warm_share", Analysis::palette, "fraction", "pixel share of pink, red, orange/brown and yellow",
       from(&FilmSummary::palette, [](const C& x) { return x.warm_share; })},
      {"cool_share", Analysis::palette, "fraction", "pixel share of green, cyan/teal, blue and purple/magenta",
       from(&FilmSummary::palette, [](const C& x) { return x.cool_share; })},
      {"pastel_share", Analysis::palette, "fraction", "pixel share of pastel pixels (L* >= 70, 10 <= C* < 35)",
       from(&FilmSummary::palette, [](const C& x) { return x.pastel_share; })},
      family_share(Family::pink, "pixel share of the pink family (hue 345-15)"),
      family_share(Family::red, "pixel share of the red family (hue 15-50)"),
      family_share(Family::orange_brown, "pixel share of the orange/brown family (hue 50-85)"),
      family_share(Family::yellow, "pixel share of the yellow family (hue 85-115)"),
      family_share(Family::green, "pixel share of the green family (hue 115-170)"),
      family_share(Family::cyan_teal, "pixel share of the cyan/teal family (hue 170-225)"),
      family_share(Family::purple_magenta, "pixel share of the purple/magenta family (hue 315-345)"),
      family_share(Family::black, "pixel share of achromatic black (C* < 10, L* < 20)"),
      family_share(Family::grey, "pixel share of achromatic grey"),
      family_share(Family::white, "pixel share of achromatic white (C* < 10, L* > 85)"),
      {"mean_lightness", Analysis::palette, "L*", "mean CIE L* of the active picture",
       from(&FilmSummary::palette, [](const C& x) { return x.mean_lightness; })},
      {"mean_chroma", Analysis::palette, "C*", "mean CIE chroma of the active picture",
       from(&FilmSummary::palette, [](const C& x) { return x.mean_chroma; })},
      {"closeup_ratio", Analysis::framing, "fraction", "shots classed CU or ECU / all shots",
       from(&FilmSummary::framing, [](const F& x) { return x.summary.closeup_ratio; })},
      {"closeup_time_ratio", Analysis::framing, "fraction", "screen time of CU or ECU shots / runtime",
       from(&FilmSummary::framing, [](const F& x) { return x.summary.closeup_time_ratio; })},
      {"mcu_or_tighter_ratio", Analysis::framing, "fraction", "shots classed MCU, CU or ECU / all shots",
       from(&FilmSummary::framing, [](const F& x) { return x.summary.mcu_or_tighter_ratio; })},
      {"mcu_or_tighter_time_ratio", Analysis::framing, "fraction", "screen time of MCU, CU or ECU shots / runtime",
       from(&FilmSummary::framing, [](const F& x) { return x.summary.mcu_or_tighter_time_ratio; })},
      {"face_shot_ratio", Analysis::framing, "fraction", "shots with a person or a face seen / all shots",
       from(&FilmSummary::framing, [](const F& x) { return x.summary.face_shot_ratio; })},
      {"face_shot_time_ratio", Analysis::framing, "fraction", "screen time of shots with a person or a face seen / runtime",
       from(&FilmSummary::framing, [](const F& x) { return x.summary.face_shot_time_ratio; })},
      {"wide_shot_ratio", Analysis::framing, "fraction", "shots classed LS or ELS / all shots",
       from(&FilmSummary::framing, [](const F& x) { return x.summary.wide_shot_ratio; })},
      {"wide_shot_time_ratio", Analysis::framing, "fraction", "screen time of LS or ELS shots / runtime",
       from(&FilmSummary::framing, [](const F& x) { return x.summary.wide_shot_time_ratio; })},
      {"dialogue_minutes", Analysis::dialogue, "minutes", "total duration of speech segments",
       from(&FilmSummary::dialogue, [](const D& x) { return x.dialogue_seconds / minutes; })},
      {"dialogue_share", Analysis::dialogue, "fraction", "dialogue time / runtime",
       from(&FilmSummary::dialogue, [](const D& x) { return x.dialogue_share; })},
      {"voice_only_minutes", Analysis::dialogue, "minutes",
       "speech heard while no face on screen speaks (black, no face, or a listener)",
       from(&FilmSummary::dialogue, with_picture([](const D& x) { return x.split.voice_only() / minutes; }))},
      {"voice_only_share", Analysis::dialogue, "fraction", "voice-only dialogue time / dialogue time",
       from(&FilmSummary::dialogue, with_picture([](const D& x) { return x.voice_only_share; }))},
      {"voice_over_black_minutes", Analysis::dialogue, "minutes", "speech heard over a black picture",
       from(&FilmSummary::dialogue, with_picture([](const D& x) { return x.split.black / minutes; }))},
      {"voice_over_listener_minutes", Analysis::dialogue, "minutes",
       "speech heard over faces none of which speaks",
       from(&FilmSummary::dialogue, with_picture([](const D& x) { return x.split.listener / minutes; }))},
      {"faceless_voice_share", Analysis::dialogue, "fraction",
       "speech heard with no face on screen (black or no face) / dialogue time: voice-only as measured before "
       "speakers were told from listeners",
       from(&FilmSummary::dialogue, with_picture([](const D& x) { return x.faceless_share; }))},
      {"longest_voice_only_seconds", Analysis::dialogue, "seconds", "longest stretch of voice-only speech",
       from(&FilmSummary::dialogue, with_picture([](const D& x) { return x.longest_voice_only_seconds; }))},
      {"speech_segment_count", Analysis::dialogue, "count", "number of speech segments",
       from(&FilmSummary::dialogue, [](const D& x) { return x.segments.size(); })},
  };
}

}  // namespace

std::span<const MetricDefinition> metric_catalog() {
  static const std::vector<MetricDefinition> catalog = make_catalog();
  return catalog;
}

const MetricDefinition* find_metric(std::string_view name) {
  for (const MetricDefinition& metric : metric_catalog())
    if (metric.name == name) return &metric;
  return nullptr;
}

}  // namespace herlens::metrics
