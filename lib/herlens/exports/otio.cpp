#include "herlens/exports/otio.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "herlens/metrics/shot_stats.hpp"

namespace herlens::exports {

namespace {

using nlohmann::ordered_json;

ordered_json rational_time(int64_t frames, report::FrameRate rate) {
  return {{"OTIO_SCHEMA", "RationalTime.1"}, {"rate", rate.fps()}, {"value", static_cast<double>(frames)}};
}

ordered_json time_range(int64_t start, int64_t end, report::FrameRate rate) {
  return {{"OTIO_SCHEMA", "TimeRange.1"}, {"duration", rational_time(end - start, rate)},
          {"start_time", rational_time(start, rate)}};
}

ordered_json marker(const std::string& name, const char* colour, ordered_json range, const std::string& comment) {
  return {{"OTIO_SCHEMA", "Marker.2"}, {"metadata", ordered_json::object()}, {"name", name}, {"color", colour},
          {"marked_range", std::move(range)}, {"comment", comment}};
}

// What herlens found in the shot, for the clip's metadata.
ordered_json shot_metadata(const ExportShot& shot, size_t number) {
  ordered_json json{{"shot", number},
                    {"start_frame", shot.shot.start_frame},
                    {"end_frame", shot.shot.end_frame},
                    {"start_time", shot.shot.start_time},
                    {"end_time", shot.shot.end_time},
                    {"transition_in", metrics::name(shot.shot.begins)},
                    {"transition_out", metrics::name(shot.shot.ends)},
                    {"blank", shot.shot.blank}};
  if (shot.framing) {
    json["scale"] = metrics::name(shot.framing->scale);
    json["max_faces"] = shot.framing->max_faces;
    json["face_size"] = shot.framing->face_size ? ordered_json(*shot.framing->face_size) : ordered_json();
  }
  if (shot.colours) {
    ordered_json families = ordered_json::object();
    for (const metrics::Family family : metrics::all_families)
      families[std::string(metrics::name(family))] = (*shot.colours)[size_t(family)];
    json["family_shares"] = std::move(families);
    json["colours"] = colour_text(*shot.colours);
  }
  return json;
}

ordered_json item(const char* schema, const std::string& name, ordered_json metadata) {
  return {{"OTIO_SCHEMA", schema}, {"metadata", std::move(metadata)}, {"name", name}, {"source_range", nullptr},
          {"effects", ordered_json::array()}, {"markers", ordered_json::array()}, {"enabled", true}};
}

}  // namespace

std::string otio(const Film& film) {
  const report::FrameRate rate = *film.rate;
  const int64_t film_end = report::frame_at(film.timeline.runtime, rate);
  const ordered_json media{{"OTIO_SCHEMA", "ExternalReference.1"},
                           {"metadata", ordered_json::object()},
                           {"name", film.name},
                           {"available_range", time_range(0, film_end, rate)},
                           {"available_image_bounds", nullptr},
                           {"target_url", media_url(film.path)}};
  ordered_json track = item("Track.1", "shots", ordered_json::object());
  track["kind"] = "Video";
  ordered_json clips = ordered_json::array();
  const auto& shots = *film.shots;
  const int64_t first = shots.empty() ? 0 : report::frame_at(shots.front().shot.start_time, rate);
  if (first > 0) {
    ordered_json gap = item("Gap.1", "before the first picture", ordered_json::object());
    gap["source_range"] = time_range(0, first, rate);
    clips.push_back(std::move(gap));
  }
  for (size_t k = 0; k < shots.size(); ++k) {
    const metrics::Shot& shot = shots[k].shot;
    const int64_t start = report::frame_at(shot.start_time, rate), end = report::frame_at(shot.end_time, rate);
    ordered_json clip = item("Clip.2", fmt::format("shot {}", k + 1), {{"herlens", shot_metadata(shots[k], k + 1)}});
    clip["source_range"] = time_range(start, end, rate);
    if (metrics::long_take(shot))
      clip["markers"].push_back(marker("long take", "RED", time_range(start, end, rate),
                                       fmt::format("{:.1f} s in one shot", shot.duration())));
    clip["media_references"] = {{"DEFAULT_MEDIA", media}};
    clip["active_media_reference_key"] = "DEFAULT_MEDIA";
    clips.push_back(std::move(clip));
  }
  track["children"] = std::move(clips);
  if (film.speech)
    for (const report::SavedSpeech& speech : *film.speech)
      if (speech.on_screen && metrics::voice_only(*speech.on_screen))
        track["markers"].push_back(marker(std::string(on_screen_label(speech.on_screen)), "PURPLE",
                                          time_range(report::frame_at(speech.segment.start, rate),
                                                     report::frame_at(speech.segment.end, rate), rate),
                                          fmt::format("speech {:.3f}-{:.3f} s", speech.segment.start, speech.segment.end)));
  ordered_json stack = item("Stack.1", "tracks", ordered_json::object());
  stack["children"] = ordered_json::array({std::move(track)});
  const report::SavedTimeline& timeline = film.timeline;
  ordered_json about{{"input", film.input},
                     {"start_offset_seconds", timeline.start_offset},
                     {"runtime_seconds", timeline.runtime},
                     {"frame_rate", fmt::format("{}/{}", rate.num, rate.den)},
                     {"variable_frame_rate", timeline.picture && timeline.picture->variable_frame_rate}};
  const ordered_json document{{"OTIO_SCHEMA", "Timeline.1"},
                              {"metadata", {{"herlens", std::move(about)}}},
                              {"name", film.name},
                              {"global_start_time", rational_time(0, rate)},
                              {"tracks", std::move(stack)}};
  // A file name need not be UTF-8: what is not is replaced, not refused.
  return document.dump(4, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace herlens::exports
