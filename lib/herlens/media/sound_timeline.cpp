#include "herlens/media/sound_timeline.hpp"

#include <cmath>

#include "herlens/media/source.hpp"

namespace herlens::media {

SoundTimelineCorrection correct_sound_timeline(double expected, double stamped) {
  // A timestamp claiming more than a film's length is damage: followed, a few bytes could ask for
  // days of silence.
  if (!(std::abs(stamped) <= longest_film_seconds)) return {};
  const double gap = stamped - expected;
  if (gap > sound_timestamp_tolerance && gap <= longest_sound_hole) return {.silence = gap};
  if (gap < -sound_timestamp_tolerance && gap >= -longest_sound_overlap) return {.drop = -gap};
  if (gap > longest_sound_hole || gap < -longest_sound_overlap) return {.restart = true};
  return {};  // also when the samples' end is not a number
}

}  // namespace herlens::media
