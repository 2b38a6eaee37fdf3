#pragma once
// A shot list given instead of detected (`--shots FILE`, docs/shots.md): a scholar's corrections
// in herlens' own shots.csv or PySceneDetect's list-scenes CSV. parse_shot_list() reads the text
// before the pass; shots_from_list() times the listed shots by the frames the pass decoded and
// stands in for decide_shots(), so every statistic and join per shot follows the list.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "herlens/metrics/shot.hpp"
#include "herlens/metrics/shot_boundaries.hpp"

namespace herlens::metrics {

enum class ShotListFormat { herlens, pyscenedetect };

struct ListedShot {
  int64_t line = 0;         // line of the file it was read from, for messages
  int64_t start_frame = 0;  // 0-based, as herlens counts (metrics.md, "Time")
  int64_t end_frame = 0;    // exclusive; after start_frame
  // herlens' `transition` column (start, cut, dissolve, fade_in, fade_out); cut when the list does
  // not say.
  ShotStart begins = ShotStart::cut;
  // herlens' `transition_out` says fade_out. Its other values follow from the next shot's start.
  bool fades_out = false;
  bool blank = false;  // herlens' `content` column says blank: a black stretch, no shot
};

struct ShotList {
  std::string file;    // as given, for messages and the provenance
  std::string sha256;  // of the file's bytes, lower-case hex
  ShotListFormat format = ShotListFormat::herlens;
  std::vector<ListedShot> shots;  // by start frame, none overlapping another; at least one
};

// Reads a shot list from the text of `file`, its format told by its header: herlens' columns
// start_frame and end_frame (0-based, end exclusive; `transition` and `transition_out` read when
// there), or PySceneDetect's Start Frame and End Frame (1-based, end inclusive), after its cut-list
// line. Other columns, a byte-order mark, CRLF line ends, blank lines and rows in any order are
// fine. Throws Error(usage) naming the file and line for no recognised header, a frame that is
// missing, not a whole number or negative, a shot that does not end after it starts, an unknown
// transition, shots that overlap, or no shot at all.
ShotList parse_shot_list(std::string_view text, std::string file);

// The shots of `list` as the film has them: `frame_times` holds the start of every decoded frame
// (seconds, in order), `end_time` the end of the last. Only the list's boundaries count (the start
// of every listed shot but the first): the first shot starts at frame 0 and the last ends with the
// film, and a gap between two listed shots belongs to the earlier one. A list gives no mixed frames:
// each transition is placed at its boundary (start_frame == end_frame), a fade out at the end of
// its shot; there are no per-frame decisions. Throws Error(usage) naming the line of a shot that
// ends beyond the frames decoded.
ShotDetection shots_from_list(const ShotList& list, std::span<const double> frame_times, double end_time);

}  // namespace herlens::metrics
