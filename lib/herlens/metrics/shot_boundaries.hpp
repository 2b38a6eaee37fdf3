#pragma once
// Shot boundaries and how each shot begins and ends (docs/shots.md): hard cuts, dissolves, fades to
// and from black or white. The shot detector (analyzers/shot_detector.hpp) keeps a few numbers per
// frame (ShotFrameScores) during the pass; after it, decide_shots() finds the boundaries from those
// numbers alone, a pure function tests can drive directly.
#include <array>
#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "herlens/metrics/shot.hpp"
#include "herlens/params/parameter.hpp"
#include "herlens/storage/blob_file.hpp"
#include "herlens/storage/frame_records.hpp"

namespace herlens::metrics {

struct ShotBoundaryParams {
  // Cut sensitivity: a frame is a cut when both its pixel and its colour-histogram difference are
  // this many times the median of the frames around it. Lower finds more cuts. Range [1.5, 20].
  double threshold = 3.0;
  // Smallest change score (0..1, geometric mean of pixel and colour-histogram difference) a cut can have,
  // whatever its neighbours do: keeps noise in static or near-black scenes from counting.
  // Range [0.01, 0.5].
  double min_cut_score = 0.06;
  // Boundaries closer than this (seconds) keep only the stronger one. Range [0, 10].
  double min_shot_seconds = 0.2;
  // Smallest mean pixel change (0..1) between the two ends of a dissolve or fade. Range [0.01, 0.5].
  double min_gradual_change = 0.05;

  static const params::Table<ShotBoundaryParams>& table();
  void validate() const { params::check(*this, table()); }  // throws Error(usage) naming the bad value
};

// Window lengths (frames) over which gradual transitions are tested: each frame n checks whether
// frame n - L/2 is the average of frames n - L and n. Even, so the middle is a frame.
inline constexpr std::array<int, 7> blend_spans = {6, 10, 16, 24, 36, 54, 80};

// What a window [n - L, n] looks like as a gradual transition.
enum class BlendKind : uint8_t { none, dissolve, fade_in, fade_out };

struct BlendWindow {
  float change = 0;  // mean |frame n - frame n-L| per channel, 0..1
  float misfit = 1;  // mean |2 mid - ends| / 2, relative to change: 0 for a perfect blend, ~0.5 for a cut
  float coarse_misfit = 1;  // the same on a 16-pixel-wide picture, where fine motion averages out
  // Share of the active picture (tiles not black at both ends) that changes between the ends and
  // whose middle is their blend at the weight the whole picture has there: near 1 for a dissolve,
  // low for motion in one part of a shot (a face turning, hands, a walker) over a still rest.
  float coverage = 0;
  BlendKind kind = BlendKind::none;  // kind the endpoints allow (none: no transition possible)

  // Whether decide_shots() may take it for a transition: every test it applies to one window
  // alone passes (those against the frames around it come after the pass).
  bool may_be_transition(double min_gradual_change) const;
};

// The numbers kept for one frame. Differences are means over the thumbnail's pixels and BGR
// channels, scaled to 0..1.
struct ShotFrameScores {
  int64_t index = 0;
  double time = 0;      // seconds
  double duration = 0;  // seconds
  float content = 0;    // pixel difference to the previous frame
  float histogram = 0;  // colour histogram difference to the previous frame (half L1, 0..1)
  float shift = 0;      // length of the picture's global shift from the previous frame, thumbnail pixels
  float zoom = 1;       // scale from the previous frame when a fast zoom explains the change best, else 1
  float compensated = 0;  // pixel difference to the previous frame with that shift or zoom undone
  std::array<float, 3> skip{};  // pixel difference to frames n-2, n-3, n-4 (flash test)
  float luma = 0;       // mean luma, 0..1
  float luma_sd = 0;    // luma standard deviation, 0..1
  std::array<BlendWindow, blend_spans.size()> blend{};  // windows ending at this frame

  // Near-uniform black or white: what fades go to and come from.
  bool blank() const;
  // Geometric mean of compensated pixel and histogram change: both must change for a cut (pans
  // move pixels but keep colours; light crossing a bin edge moves colours but hardly pixels).
  float cut_score() const;
};

enum class TransitionKind { cut, dissolve, fade_in, fade_out };
inline constexpr std::array<TransitionKind, 4> all_transition_kinds = {TransitionKind::cut, TransitionKind::dissolve,
                                                                      TransitionKind::fade_in, TransitionKind::fade_out};
std::string_view name(TransitionKind kind);  // "cut", "dissolve", "fade_in", "fade_out"
// How the shot after a transition of this kind begins, and how the one before it ends.
ShotStart shot_start(TransitionKind kind);
ShotEnd shot_end(TransitionKind kind);

struct Transition {
  TransitionKind kind = TransitionKind::cut;
  // Frames showing the transition, [start_frame, end_frame): the mixed frames of a dissolve or
  // fade; for a cut both are the first frame of the new shot.
  int64_t start_frame = 0;
  int64_t end_frame = 0;
  // First frame of the shot (or blank stretch) it starts; -1 when it starts none (a fade out into
  // black too brief to be a stretch of its own, or a boundary merged away).
  int64_t boundary_frame = -1;
  double start_time = 0;  // seconds, of start_frame
  double end_time = 0;    // seconds, of end_frame (the frame after the last mixed one)
  // How clearly the frames showed it (docs/shots.md): 0.5 when its weakest test only just passed,
  // towards 1 as that test's margin grows.
  float confidence = 0;
};

// Per frame, how the decision saw it (the --stats table).
struct FrameDecision {
  float cut_score = 0;  // geometric mean of motion-compensated pixel difference and histogram difference
  float cut_ratio = 0;  // the smaller of those two differences / their neighbours' median
  bool flash = false;   // a short outlier the frames around it agree about
};

// Small pictures of frames, JPEG-encoded, by frame index, so each boundary can be shown without a
// second decode: CandidatePictures, every one the detector kept during the pass because a boundary
// may lie beside it (in a temporary file: one frame in twelve on a grainy clip), and
// FramePictures, those the boundaries found show.
using CandidatePictures = storage::BlobFile;
using FramePictures = std::map<int64_t, std::vector<uint8_t>>;

// The frames a boundary's strip shows: the last frame before it and the first after it, and for
// a gradual transition the middle one between them.
std::vector<int64_t> strip_frames(const Transition& transition);

struct ShotDetection {
  std::vector<Shot> shots;
  std::vector<Transition> transitions;  // by frame
  std::vector<FrameDecision> decisions; // one per frame
  double end_time = 0;                  // end of the last frame, seconds
};

// One record per frame of a stream, in order (index == position).
using ShotScores = storage::FrameRecords<ShotFrameScores>;

// The decision over a whole stream's scores.
ShotDetection decide_shots(const ShotScores& frames, const ShotBoundaryParams& params);

}  // namespace herlens::metrics
