#pragma once
// The film as an ELAN annotation document (EAF 3.0), linked to the film's file: time-aligned tiers
// "shots", "shot scale", "colour" (the families each shot shows), "speech" and "on screen" (what
// the picture showed while each segment was heard), each present when the report has what it
// holds. Times in milliseconds, as ELAN keeps them.
#include <filesystem>
#include <string>
#include <string_view>

#include "herlens/exports/film.hpp"

namespace herlens::exports {

// Needs film.shots or film.speech. `created`: the document's DATE (ISO 8601 with zone);
// `written_in`: the folder the document goes to, from which a relative link to the film is made
// (none when empty).
std::string eaf(const Film& film, std::string_view created, const std::filesystem::path& written_in);

}  // namespace herlens::exports
