#include "herlens/metrics/shot_boundaries.hpp"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <map>

#include "herlens/error.hpp"

namespace herlens::metrics {

namespace {

// Cut context: the median score of this many frames each side is what "normal" change means here.
constexpr int cut_context = 8;
// Medians below this are noise; dividing by them would make grain look like cuts.
constexpr float cut_ratio_floor = 0.01f;
// Flashes: a cut candidate is a flash when the frame before it matches a frame up to this many
// frames after it (or the reverse), closer than flash_match of the candidate's own change.
constexpr int longest_flash = 3;
constexpr float flash_match = 0.5f;

// A window passes as a blend when its middle frame is this close to the average of its ends
// (misfit: 0 for a perfect linear blend, 0.5 for a cut, higher for motion).
constexpr float max_misfit = 0.3f;
// A dissolve blends the whole picture: at least this share of the active picture must change and
// be the blend of the window's ends at one weight (BlendWindow::coverage). Motion in one part of a
// shot over a still rest (a face turning, hands, a walker) covers far less.
constexpr float min_dissolve_coverage = 0.7f;
// No single frame of a blend carries more than this share of its change (a cut does).
constexpr float max_step_share = 0.35f;
// Fewer mixed frames than this is a cut or a jolt of motion, not a dissolve or fade.
constexpr int64_t min_gradual_frames = 3;
// A transition changes the picture more than the shots' own motion does: the change across a
// window must be this many times the change over the same length on the calmer side of it, and
// this many times on the busier side (a dissolve into a whip pan has one busy side; steady motion
// has two).
constexpr float min_window_contrast = 1.6f;
constexpr float min_busy_side_contrast = 1.2f;
// A camera move: the picture shifts at least this far (thumbnail pixels: 1/64 of the width a frame)
// or zooms fast, and undoing the move leaves at most this share of the change. A dissolve whose
// mixed frames are mostly camera moves is a whip pan or a crash zoom.
constexpr float min_camera_shift = 1.0f;
constexpr float camera_residual_share = 0.6f;

// The mixed frames of a gradual transition: where the middle of the change above the shots' own
// motion happens (the window's change with this share cut off at either end).
constexpr float transition_tail_share = 0.05f;

// Fades through black or white, read from each frame's distance to the blank: every frame of a fade
// keeps less of the picture than the one before it (fade out), by at least this factor, and the
// frame next to the blank at most fade_last_share of the whole picture (a cut to black keeps it all).
constexpr float fade_step = 0.985f;
constexpr float fade_last_share = 0.7f;
constexpr float fade_noise = 0.001f;  // smaller steps are grain and coding noise
// The picture a fade leaves or reaches must stand this far (luma distance plus spread) from the blank.
constexpr float min_fade_picture = 0.05f;
constexpr int64_t longest_fade = 80;  // frames
// A blank stretch entered or left without a fade is cut to or from: the picture next to it must
// stand this far from the blank, clear of a dark scene that hovers at the blank's edge.
constexpr float min_cut_picture = 0.15f;

// Blank: near-uniform and near black or white.
constexpr float blank_sd = 0.02f;
constexpr float blank_dark = 0.08f;
constexpr float blank_bright = 0.92f;

float median_of(std::vector<float>& values) {
  if (values.empty()) return 0;
  const auto middle = values.begin() + values.size() / 2;
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

int64_t span_at(size_t span_index) { return blend_spans[span_index]; }

struct Event {
  TransitionKind kind;
  int64_t start, end;  // transition frames [start, end)
  int64_t boundary;    // first frame of the new shot, -1 for none
  float strength;      // to choose between boundaries closer than the minimum shot
  float confidence;    // Transition::confidence
};

// Confidence from the margins by which a boundary passed its tests, each 0 at its threshold and 1
// far beyond it: 0.5 for a boundary that only just passed, towards 1 as the weakest margin grows.
float confidence_of(std::initializer_list<float> margins) {
  return 0.5f + 0.5f * std::clamp(std::min(margins), 0.0f, 1.0f);
}
// The margin of `value` over a lower bound `threshold`: 1 - threshold / value.
float margin_over(float value, float threshold) { return value > 0 ? 1 - threshold / value : 0; }

size_t shot_containing(const std::vector<Shot>& shots, int64_t frame) {
  const auto after = std::upper_bound(shots.begin(), shots.end(), frame,
                                      [](int64_t f, const Shot& shot) { return f < shot.start_frame; });
  return static_cast<size_t>(std::max<std::ptrdiff_t>(0, after - shots.begin() - 1));
}

// Seconds from the start of frame `first` to the end of frame `last`.
double seconds_spanned(const ShotScores& frames, int64_t first, int64_t last) {
  return frames[last].time + frames[last].duration - frames[first].time;
}

// Cut scores, their ratio to the neighbourhood, and flashes.
void score_cuts(const ShotScores& frames, std::vector<FrameDecision>& decisions) {
  const int64_t n = static_cast<int64_t>(frames.size());
  for (int64_t i = 1; i < n; ++i) decisions[i].cut_score = frames[i].cut_score();
  // How far a frame's value stands out from the median of its neighbours'.
  std::vector<float> around;
  const auto ratio = [&](int64_t i, float ShotFrameScores::*value) {
    around.clear();
    for (int64_t j = std::max<int64_t>(1, i - cut_context); j <= std::min(n - 1, i + cut_context); ++j)
      if (j != i) around.push_back(frames[j].*value);
    return frames[i].*value / std::max(median_of(around), cut_ratio_floor);
  };
  for (int64_t i = 1; i < n; ++i) {
    decisions[i].cut_ratio = std::min(ratio(i, &ShotFrameScores::compensated), ratio(i, &ShotFrameScores::histogram));

    // frames[j].skip[k - 1] is the difference between frame j and frame j - k - 1.
    const float match = flash_match * frames[i].content;
    for (int k = 1; k <= longest_flash && !decisions[i].flash; ++k) {
      const bool returns_later = i + k < n && frames[i + k].skip[k - 1] < match;  // frames i..i+k-1 stand out
      const bool returned_now = i - k - 1 >= 0 && frames[i].skip[k - 1] < match;  // frames i-k..i-1 stood out
      decisions[i].flash = returns_later || returned_now;
    }
  }
}

// The mixed frames [start, end) of a blend between frames `first` and `last`: where the change
// beyond the shots' own motion (the median change just outside the window) happens.
std::pair<int64_t, int64_t> mixed_frames(const ShotScores& frames, int64_t first, int64_t last) {
  const int64_t n = static_cast<int64_t>(frames.size());
  std::vector<float> outside;
  for (int64_t k = 1; k <= cut_context; ++k) {
    if (first - k >= 1) outside.push_back(frames[first - k].content);
    if (last + k < n) outside.push_back(frames[last + k].content);
  }
  const float motion = median_of(outside);
  std::vector<float> excess;  // excess[i - first - 1]: change into frame i beyond motion
  float total = 0;
  for (int64_t i = first + 1; i <= last; ++i) {
    excess.push_back(std::max(0.0f, frames[i].content - motion));
    total += excess.back();
  }
  int64_t start = first + 1, end = last;
  float seen = 0;
  for (size_t k = 0; k < excess.size(); ++k) {
    const float before = seen;
    seen += excess[k];
    const int64_t frame = first + 1 + static_cast<int64_t>(k);
    if (before <= transition_tail_share * total) start = frame;
    // frame is the first to show the new picture fully once the change is nearly all done.
    if (before < (1 - transition_tail_share) * total) end = frame;
  }
  return {start, std::max(end, start + 1)};
}

// Fades into and out of each run of blank frames: the frames next to it whose share of the picture
// shrinks steadily towards it. A fade is found however short it is (xfade's fadeblack leaves the
// picture in one or two frames) and however dark the picture (a night scene fading out). A run
// lasting `min_seconds` or more is a stretch of its own: entered or left without a fade, it is cut
// to or from at its edge. A fade out starts the blank stretch it reaches.
std::vector<Event> find_blank_transitions(const ShotScores& frames, double min_seconds) {
  const int64_t n = static_cast<int64_t>(frames.size());
  std::vector<Event> events;
  for (int64_t first = 0; first < n;) {
    if (!frames[first].blank()) {
      ++first;
      continue;
    }
    int64_t last = first;  // the run of blank frames is [first, last]
    while (last + 1 < n && frames[last + 1].blank()) ++last;
    const bool white = frames[first].luma > 0.5f;
    const auto picture = [&](int64_t i) {  // how much of a picture frame i holds
      return (white ? 1 - frames[i].luma : frames[i].luma) + frames[i].luma_sd;
    };
    // Frame `to` holds clearly less of the picture than frame `from`.
    const auto shrinks = [&](int64_t from, int64_t to) {
      return picture(to) < fade_step * picture(from) && picture(from) - picture(to) > fade_noise;
    };
    // Where a fade meets the blank: the run's edge, or further in while the picture still shrinks
    // (a dark picture passes for blank before it is black).
    const auto darkest = [&](int64_t edge, int64_t inwards) {
      while (edge + inwards >= first && edge + inwards <= last && shrinks(edge, edge + inwards)) edge += inwards;
      return edge;
    };
    // Walks out from the darkest frame while the picture keeps growing; returns the first whole
    // frame, or -1 when there is no fade on that side.
    const auto whole_frame = [&](int64_t dark, int64_t outwards) -> int64_t {
      int64_t k = dark + outwards;
      while (k + outwards >= 0 && k + outwards < n && std::abs(k - dark) < longest_fade && shrinks(k + outwards, k))
        k += outwards;
      const bool valid = k >= 0 && k < n && std::abs(k - dark) > 1 && picture(k) >= min_fade_picture &&
                         picture(dark + outwards) <= fade_last_share * picture(k);
      return valid ? k : -1;
    };
    const auto fade_confidence = [&](int64_t whole) { return confidence_of({margin_over(picture(whole), min_fade_picture)}); };
    const auto cut_confidence = [&](int64_t edge) { return confidence_of({margin_over(picture(edge), min_cut_picture)}); };
    const bool stretch = seconds_spanned(frames, first, last) >= min_seconds;
    const int64_t out_end = darkest(first, 1), in_start = darkest(last, -1) + 1;
    if (const int64_t whole = whole_frame(out_end, -1); whole >= 0)
      events.push_back({TransitionKind::fade_out, whole + 1, out_end, out_end, picture(whole), fade_confidence(whole)});
    else if (stretch && first > 0 && picture(first - 1) >= min_cut_picture)
      events.push_back({TransitionKind::cut, first, first, first, picture(first - 1), cut_confidence(first - 1)});
    if (const int64_t whole = whole_frame(in_start - 1, 1); whole >= 0)
      events.push_back({TransitionKind::fade_in, in_start, whole, in_start, picture(whole), fade_confidence(whole)});
    else if (stretch && last + 1 < n && picture(last + 1) >= min_cut_picture)
      events.push_back({TransitionKind::cut, last + 1, last + 1, last + 1, picture(last + 1), cut_confidence(last + 1)});
    first = last + 1;
  }
  return events;
}

// Gradual transitions: the best blend windows, best first, none overlapping another nor the fades
// already found (`events`, which it extends).
void find_gradual(const ShotScores& frames, const ShotBoundaryParams& params,
                  std::vector<Event>& events) {
  struct Candidate {
    float quality;
    int64_t end;
    size_t span;
    float contrast_margin;  // the smaller margin of the window's change over its sides'
  };
  const int64_t n = static_cast<int64_t>(frames.size());
  std::vector<Candidate> candidates;
  for (const ShotFrameScores& frame : frames)
    for (size_t s = 0; s < blend_spans.size(); ++s) {
      const BlendWindow& w = frame.blend[s];
      if (!w.may_be_transition(params.min_gradual_change)) continue;
      const float misfit = std::min(w.misfit, w.coarse_misfit);
      const int64_t span = span_at(s);
      const int64_t before = frame.index - span, after = frame.index + span;
      std::vector<float> sides;
      if (before - span >= 0) sides.push_back(frames[before].blend[s].change);
      if (after < n) sides.push_back(frames[after].blend[s].change);
      // Without a window on either side to compare with, motion cannot be told from a transition.
      if (sides.empty()) continue;
      const auto [calm, busy] = std::minmax_element(sides.begin(), sides.end());
      const float contrast_margin = std::min(margin_over(w.change, min_window_contrast * std::max(*calm, cut_ratio_floor)),
                                             margin_over(w.change, min_busy_side_contrast * *busy));
      if (contrast_margin < 0) continue;
      // A clean blend with a large change, and among equals the tighter window.
      const float quality = w.change * (1 - 2 * misfit) * (1 - span_at(s) / 400.0f);
      candidates.push_back({quality, frame.index, s, contrast_margin});
    }
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.quality > b.quality; });

  std::map<int64_t, int64_t> taken;  // start -> end of accepted transitions
  for (const Event& e : events) taken.emplace(e.start, e.end + 1);
  const auto overlaps = [&taken](int64_t start, int64_t end) {
    auto next = taken.lower_bound(start);
    if (next != taken.end() && next->first < end) return true;
    return next != taken.begin() && std::prev(next)->second > start;
  };
  for (const Candidate& c : candidates) {
    const BlendWindow w = frames[c.end].blend[c.span];
    const int64_t first = c.end - span_at(c.span);
    float largest_step = 0;
    for (int64_t i = first + 1; i <= c.end; ++i) largest_step = std::max(largest_step, frames[i].content);
    if (largest_step > max_step_share * w.change) continue;
    const auto [start, end] = mixed_frames(frames, first, c.end);
    if (end - start < min_gradual_frames) continue;
    const auto camera_moves = [&frames](int64_t i) {
      return (frames[i].shift >= min_camera_shift || frames[i].zoom != 1) &&
             frames[i].compensated <= camera_residual_share * frames[i].content;
    };
    int64_t moving = 0;
    for (int64_t i = start; i < end; ++i) moving += camera_moves(i);
    if (2 * moving > end - start) continue;
    if (overlaps(start, end + 1)) continue;
    taken.emplace(start, end + 1);
    const TransitionKind transition = w.kind == BlendKind::dissolve  ? TransitionKind::dissolve
                                      : w.kind == BlendKind::fade_in ? TransitionKind::fade_in
                                                                   : TransitionKind::fade_out;
    // A dissolve's new shot starts in its middle, a fade in's at its start, the blank a fade out
    // reaches just after it.
    const int64_t boundary = transition == TransitionKind::dissolve ? (start + end) / 2
                             : transition == TransitionKind::fade_in ? start
                                                                     : end;
    const float misfit = std::min(w.misfit, w.coarse_misfit);
    const float coverage_margin = transition == TransitionKind::dissolve
                                      ? (w.coverage - min_dissolve_coverage) / (1 - min_dissolve_coverage)
                                      : 1.0f;
    events.push_back({transition, start, end, boundary, c.quality,
                      confidence_of({1 - misfit / max_misfit, coverage_margin, c.contrast_margin})});
  }
}

// Keeps boundaries at least min_seconds apart, a fade out counting from its first frame (a flash
// just before a fade is no shot): of two too close, the gradual one, else the stronger cut. A fade
// out and the fade in after it pass through black together, however quickly.
std::vector<Event> space_boundaries(std::vector<Event> events, const ShotScores& frames,
                                    double min_seconds) {
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) { return a.start < b.start; });
  const auto time = [&frames](const Event& e) {
    return frames[e.kind == TransitionKind::fade_out ? e.start : e.boundary].time;
  };
  const auto rank = [](const Event& e) { return std::pair(e.kind != TransitionKind::cut, e.strength); };
  std::vector<Event> kept;
  for (const Event& event : events) {
    if (!kept.empty()) {
      const Event& previous = kept.back();
      const bool through_black = previous.kind == TransitionKind::fade_out && event.kind == TransitionKind::fade_in;
      if (!through_black && time(event) - time(previous) < min_seconds) {
        if (rank(event) > rank(previous)) kept.back() = event;
        continue;
      }
    }
    kept.push_back(event);
  }
  return kept;
}

}  // namespace

const params::Table<ShotBoundaryParams>& ShotBoundaryParams::table() {
  static const params::Table<ShotBoundaryParams> table{
      "shot detector",
      {{"threshold", "--threshold",
        "Cut sensitivity: how many times its neighbours' change a cut must be (lower finds more)",
        &ShotBoundaryParams::threshold, 1.5, 20},
       {"min_cut_score", "--min-cut-score", "Smallest change (0..1) a cut can have, however calm its neighbours",
        &ShotBoundaryParams::min_cut_score, 0.01, 0.5},
       {"min_gradual_change", "--min-gradual-change", "Smallest change (0..1) between the ends of a dissolve or fade",
        &ShotBoundaryParams::min_gradual_change, 0.01, 0.5},
       {"min_shot_seconds", "--min-shot",
        "Minimum shot length in seconds: of two boundaries closer than this, only the stronger counts",
        &ShotBoundaryParams::min_shot_seconds, 0, 10}}};
  return table;
}

bool BlendWindow::may_be_transition(double min_gradual_change) const {
  return kind != BlendKind::none && change >= min_gradual_change && std::min(misfit, coarse_misfit) <= max_misfit &&
         (kind != BlendKind::dissolve || coverage >= min_dissolve_coverage);
}

std::vector<int64_t> strip_frames(const Transition& t) {
  if (t.kind == TransitionKind::cut) return {t.start_frame - 1, t.start_frame};
  return {t.start_frame - 1, (t.start_frame + t.end_frame) / 2, t.end_frame};
}

float ShotFrameScores::cut_score() const { return std::sqrt(compensated * histogram); }

bool ShotFrameScores::blank() const {
  return luma_sd < blank_sd && (luma < blank_dark || luma > blank_bright);
}

ShotStart shot_start(TransitionKind kind) {
  switch (kind) {
    case TransitionKind::cut: return ShotStart::cut;
    case TransitionKind::dissolve: return ShotStart::dissolve;
    case TransitionKind::fade_in: return ShotStart::fade_in;
    case TransitionKind::fade_out: return ShotStart::fade_out;
  }
  return ShotStart::cut;
}

ShotEnd shot_end(TransitionKind kind) {
  switch (kind) {
    case TransitionKind::cut: return ShotEnd::cut;
    case TransitionKind::dissolve: return ShotEnd::dissolve;
    case TransitionKind::fade_in: return ShotEnd::fade_in;
    case TransitionKind::fade_out: return ShotEnd::fade_out;
  }
  return ShotEnd::cut;
}

std::string_view name(TransitionKind kind) {
  switch (kind) {
    case TransitionKind::cut: return "cut";
    case TransitionKind::dissolve: return "dissolve";
    case TransitionKind::fade_in: return "fade_in";
    case TransitionKind::fade_out: return "fade_out";
  }
  return "cut";
}

ShotDetection decide_shots(const ShotScores& frames, const ShotBoundaryParams& params) {
  params.validate();
  ShotDetection result;
  const int64_t n = static_cast<int64_t>(frames.size());
  if (n == 0) return result;
  result.end_time = frames.back().time + frames.back().duration;
  result.decisions.resize(n);
  score_cuts(frames, result.decisions);

  std::vector<Event> events = find_blank_transitions(frames, params.min_shot_seconds);
  find_gradual(frames, params, events);
  std::map<int64_t, int64_t> gradual;  // start -> last frame (inclusive) touched by a gradual transition
  for (const Event& e : events) gradual.emplace(e.start, e.end);
  const auto inside_gradual = [&gradual](int64_t frame) {
    auto after = gradual.upper_bound(frame);
    return after != gradual.begin() && std::prev(after)->second >= frame;
  };
  for (int64_t i = 1; i < n; ++i) {
    const FrameDecision& d = result.decisions[i];
    if (d.cut_ratio >= params.threshold && d.cut_score >= params.min_cut_score && !d.flash && !inside_gradual(i))
      events.push_back({TransitionKind::cut, i, i, i, d.cut_ratio,
                        confidence_of({margin_over(d.cut_ratio, float(params.threshold)),
                                       margin_over(d.cut_score, float(params.min_cut_score))})});
  }
  events = space_boundaries(std::move(events), frames, params.min_shot_seconds);

  // Shots between boundaries; then blank stretches marked, and those too brief to be a stretch of
  // their own folded into the shot before them (or, at the film's start, after them).
  std::vector<Shot> shots;
  shots.push_back({0, n, 0, 0, ShotStart::start, ShotEnd::end});
  for (const Event& e : events) {
    if (e.boundary <= shots.back().start_frame || e.boundary >= n) continue;
    shots.back().end_frame = e.boundary;
    shots.back().ends = shot_end(e.kind);
    shots.push_back({e.boundary, n, 0, 0, shot_start(e.kind), ShotEnd::end});
  }
  const auto all_blank = [&frames](const Shot& shot) {
    for (int64_t i = shot.start_frame; i < shot.end_frame; ++i)
      if (!frames[i].blank()) return false;
    return true;
  };
  const auto brief = [&](const Shot& shot) {
    return seconds_spanned(frames, shot.start_frame, shot.end_frame - 1) < params.min_shot_seconds;
  };
  std::vector<Shot> merged;
  for (Shot shot : shots) {
    shot.blank = all_blank(shot);
    if (!merged.empty() && shot.blank && brief(shot)) {
      merged.back().end_frame = shot.end_frame;
      if (shot.ends == ShotEnd::end) merged.back().ends = ShotEnd::end;
      continue;
    }
    if (merged.size() == 1 && merged.front().blank && brief(merged.front())) {
      shot.start_frame = 0;
      if (shot.begins != ShotStart::fade_in) shot.begins = ShotStart::start;
      merged.front() = shot;
      continue;
    }
    merged.push_back(shot);
  }
  for (size_t k = 0; k < merged.size(); ++k) {
    merged[k].start_time = frames[merged[k].start_frame].time;
    merged[k].end_time = k + 1 < merged.size() ? frames[merged[k + 1].start_frame].time : result.end_time;
  }

  for (const Event& e : events) {
    Transition t;
    t.kind = e.kind;
    t.start_frame = e.start;
    t.end_frame = e.end;
    const bool starts = e.boundary >= 0 && merged[shot_containing(merged, e.boundary)].start_frame == e.boundary;
    t.boundary_frame = starts ? e.boundary : -1;
    t.start_time = frames[e.start].time;
    t.end_time = e.end < n ? frames[e.end].time : result.end_time;
    t.confidence = e.confidence;
    result.transitions.push_back(t);
  }
  result.shots = std::move(merged);
  return result;
}
}  // namespace herlens::metrics
