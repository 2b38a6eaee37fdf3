#pragma once
// The shot list as Final Cut Pro XML (FCPXML 1.9, read by Final Cut Pro 10.4.9 and later and by
// other editors): the film as one asset, and a project whose storyline (spine) holds one clip of it
// per shot, at the film's times, each with a note describing the shot, a keyword for its scale and
// colour families, and markers on long takes and on speech heard mostly with no face on screen.
#include <string>

#include "herlens/exports/film.hpp"

namespace herlens::exports {

// Needs film.shots and film.rate; marks voice-only speech when film.speech is there.
std::string fcpxml(const Film& film);

}  // namespace herlens::exports
