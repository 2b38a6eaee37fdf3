#pragma once
// What the dialogue section is written as (docs/dialogue.md): tables speech (main) and
// dialogue_rate, and its JSON.
#include <vector>

#include <nlohmann/json.hpp>

#include "herlens/metrics/dialogue.hpp"
#include "herlens/report/table.hpp"

namespace herlens::report {

// segment, start, end, duration, on_screen, black_seconds, no_face_seconds, face_seconds.
// Picture columns are empty without a picture; face columns are empty when faces were not checked.
Table speech_table(const metrics::DialogueSection& section);
// window, start_time, end_time, dialogue_seconds, dialogue_share, voice_only_seconds (empty
// without a picture).
Table dialogue_rate_table(const metrics::DialogueSection& section);
std::vector<Table> dialogue_tables(const metrics::DialogueSection& section);

// dialogue_minutes, dialogue_share, segment_count, runtime_minutes, and with a picture
// voice_only_minutes, voice_only_share, over_black_minutes, longest_voice_only_seconds,
// faces_checked (and, when it is, no_face_minutes and face_visible_minutes); then window_minutes
// and dialogue_rate.
nlohmann::ordered_json dialogue_json(const metrics::DialogueSection& section);

}  // namespace herlens::report
