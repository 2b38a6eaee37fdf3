#pragma once
// What the dialogue section is written as (docs/dialogue.md): tables speech (main) and
// dialogue_rate, and its JSON.
#include <vector>

#include <nlohmann/json.hpp>

#include "herlens/metrics/dialogue.hpp"
#include "herlens/report/table.hpp"

namespace herlens::report {

struct Picture;

// segment, start_time, end_time, duration, shot, on_screen, over_black_seconds, no_face_seconds,
// listener_seconds, speaker_visible_seconds, no_picture_seconds, voice_only_seconds. shot is empty
// when shots were not found in the pass; picture columns are empty without a picture; face columns
// (and voice_only_seconds) are empty when faces were not checked.
Table speech_table(const metrics::DialogueSection& section);
// window, start_time, end_time, dialogue_seconds, dialogue_share, voice_only_seconds (empty
// without a picture).
Table dialogue_rate_table(const metrics::DialogueSection& section);
// piece, segment, start_time, end_time, on_screen: the segments cut where what the picture shows
// changes (only with a picture).
Table speech_split_table(const metrics::DialogueSection& section);
// time, faces, speaking, largest_spread: each face sample whose mouths were measured (speech heard
// near it), how many of its faces speak and the largest spread of a mouth opening over its burst.
Table mouths_table(const metrics::DialogueSection& section);
std::vector<Table> dialogue_tables(const metrics::DialogueSection& section);
// speech_lane.png (with a picture): the film's time left to right over `width` pixels, speech
// painted by what it was heard over (a colour per state), silence light grey, with a caption; and
// listeners.png when there are listener pictures: up to listener_strip_pictures of them, evenly
// through the film, faces boxed, each captioned with its time: the faces we watch while the voice
// speaks, as evidence for the listener share. Drawn from `section` when written.
inline constexpr size_t listener_strip_pictures = 8;
inline constexpr int listener_strip_columns = 4;
std::vector<Picture> dialogue_pictures(const metrics::DialogueSection& section, int width = 960);
std::vector<Picture> dialogue_pictures(metrics::DialogueSection&&, int = 960) = delete;

// dialogue_minutes, dialogue_share, segment_count, runtime_minutes, and with a picture
// voice_only_minutes, voice_only_share, over_black_minutes, no_picture_minutes,
// longest_voice_only_seconds, faces_checked (and, when it is, no_face_minutes, listener_minutes,
// speaker_visible_minutes, faceless_minutes and faceless_share: voice-only as it was before
// listeners counted, and mouth_measurements); then window_minutes and dialogue_rate.
nlohmann::ordered_json dialogue_json(const metrics::DialogueSection& section);

}  // namespace herlens::report
