#pragma once
// The shot list as a CMX 3600 edit decision list: one cut event per shot, source and record
// timecodes both the film's own times at its frame rate (drop-frame at 29.97 and 59.94), the film's
// file named in a FROM CLIP NAME comment and the shot described in another. An editor conforms the
// film to it: the timeline cut where herlens found the shots.
#include <string>

#include "herlens/exports/film.hpp"

namespace herlens::exports {

// Needs film.shots and film.rate.
std::string edl(const Film& film);

}  // namespace herlens::exports
