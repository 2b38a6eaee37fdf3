#pragma once
// The shot list as an OpenTimelineIO timeline (JSON, read by OpenTimelineIO and the editors that
// import .otio): one video track of clips, one per shot, each a range of the film at its frame
// rate with herlens' findings on it (metadata "herlens": scale, faces, colour families), a marker
// on every long take and, on the track, one on every speech segment heard mostly with no face on
// screen. Track time is film time: a gap comes first when the picture starts after 0.
#include <string>

#include "herlens/exports/film.hpp"

namespace herlens::exports {

// Needs film.shots and film.rate; marks voice-only speech when film.speech is there.
std::string otio(const Film& film);

}  // namespace herlens::exports
