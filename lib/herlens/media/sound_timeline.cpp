#include "herlens/media/sound_timeline.hpp"

namespace herlens::media {

SoundTimelineCorrection correct_sound_timeline(double expected, double stamped) {
  const double gap = stamped - expected;
  if (gap > sound_timestamp_tolerance && gap <= longest_sound_hole) return {.silence = gap};
  if (gap < -sound_timestamp_tolerance && gap >= -longest_sound_overlap) return {.drop = -gap};
  if (gap > longest_sound_hole || gap < -longest_sound_overlap) return {.restart = true};
  return {};  // also when either time is not a number
}

}  // namespace herlens::media
