#pragma once
// What `herlens probe` prints: a file's headers (media::probe) and, after a decode-only pass, the
// frames and sound it really holds; as text for people or JSON for scripts.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "herlens/media/media_info.hpp"
#include "herlens/metrics/film_summary.hpp"

namespace herlens::report {

// `decoded`: the summary of a decode-only pass, when one ran (probe --decode).
std::string probe_text(const media::MediaInfo& info, const metrics::FilmSummary* decoded);
nlohmann::ordered_json probe_json(const media::MediaInfo& info, const metrics::FilmSummary* decoded);

}  // namespace herlens::report
