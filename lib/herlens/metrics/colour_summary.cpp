#include "herlens/metrics/colour_summary.hpp"

#include <algorithm>
#include <cmath>

namespace herlens::metrics {

namespace {

// Samples [first, end) in L*a*b*, evenly thinned to at most `limit` of them.
std::vector<Lab> thin_to_lab(const storage::FrameRecords<Rgb8>& samples, size_t first, size_t end, int limit) {
  const size_t count = end - first;
  const size_t step = std::max<size_t>(1, (count + limit - 1) / limit);
  std::vector<Lab> lab;
  lab.reserve(count / step + 1);
  for (size_t i = first; i < end; i += step) lab.push_back(srgb_to_lab(samples[i]));
  return lab;
}

}  // namespace

ColourSummary summarise_colour(const ColourObservations& seen, std::vector<Shot> shots, const ColourParams& params) {
  const auto& frames = seen.frames;
  const cv::Size size = seen.picture_size;
  ColourSummary summary;
  summary.grid = size;
  if (frames.empty()) return summary;
  if (shots.empty()) {
    const FrameColour last = frames.back();
    shots.push_back({0, int64_t(frames.size()), frames.front().time, last.time + last.duration});
  }
  std::vector<Border> borders(frames.size());
  std::transform(frames.begin(), frames.end(), borders.begin(), [](const FrameColour& f) { return f.border; });
  summary.areas = active_areas(borders, shots, size, params.letterbox);

  const auto& samples = seen.samples;
  const size_t per_frame = size_t(params.samples_per_frame);
  summary.frame_means.resize(frames.size());
  summary.frame_times.resize(frames.size());
  std::transform(frames.begin(), frames.end(), summary.frame_times.begin(), [](const FrameColour& f) { return f.time; });
  double total_duration = 0;
  std::array<double, family_count> present_time{};
  std::array<int64_t, family_count> present_shots{};
  int64_t picture_shots = 0;
  for (size_t s = 0; s < shots.size(); ++s) {
    ShotColour& shot = summary.shots.emplace_back();
    shot.shot = shots[s];
    shot.bars = summary.areas.shots[s];
    const int64_t first = std::clamp<int64_t>(shots[s].start_frame, 0, int64_t(frames.size()));
    const int64_t last = std::clamp<int64_t>(shots[s].end_frame, first, int64_t(frames.size()));
    for (int64_t i = first; i < last; ++i) {
      const ColourTally active = frames[i].active(shot.bars, size);
      summary.frame_means[i] = active.mean();
      shot.tally += active;
    }
    shot.palette = palette(thin_to_lab(samples, first * per_frame, last * per_frame, params.max_palette_pixels),
                                    params.palette);
    summary.total += shot.tally;
    if (shot.shot.blank) continue;  // black between shots: its pixels count, but it is no shot
    ++picture_shots;
    total_duration += shot.shot.duration();
    for (Family f : all_families)
      if (shot.tally.pixels > 0 && shot.tally.share(f) >= shot_presence_share) {
        ++present_shots[size_t(f)];
        present_time[size_t(f)] += shot.shot.duration();
      }
  }

  const ColourTally& total = summary.total;
  const int64_t chromatic = total.chromatic();
  for (Family f : all_families) {
    FamilyShares& shares = summary.families[size_t(f)];
    shares.pixel = total.share(f);
    if (is_chromatic(f) && chromatic > 0) shares.chromatic = double(total.family[size_t(f)]) / double(chromatic);
    shares.shot = picture_shots > 0 ? double(present_shots[size_t(f)]) / double(picture_shots) : 0;
    shares.time = total_duration > 0 ? present_time[size_t(f)] / total_duration : 0;
    if (is_warm(f)) summary.warm_share += shares.pixel;
    if (is_cool(f)) summary.cool_share += shares.pixel;
  }
  if (total.pixels > 0) {
    summary.pastel_share = double(total.pastel) / double(total.pixels);
    summary.mean_lightness = total.lightness / double(total.pixels);
    summary.mean_chroma = total.chroma / double(total.pixels);
  }
  summary.palette = palette(thin_to_lab(samples, 0, samples.size(), params.max_palette_pixels), params.palette);

  // Evidence: the strongest candidates re-scored on their active picture, one per shot.
  for (Family f : all_families) {
    std::vector<Evidence> ranked;
    for (const EvidenceCandidate& candidate : seen.candidates[size_t(f)]) {
      const auto at = std::lower_bound(frames.begin(), frames.end(), candidate.frame,
                                       [](const FrameColour& fc, int64_t index) { return fc.index < index; });
      const int64_t shot = shot_at(shots, candidate.time);
      if (shot < 0) continue;
      const double share = (*at).active(summary.shots[size_t(shot)].bars, size).share(f);
      ranked.push_back({f, 0, size_t(shot), candidate.frame, candidate.time, share, candidate.thumbnail});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) { return x.share > y.share; });
    int rank = 0;
    for (Evidence& e : ranked) {
      if (rank == params.evidence_per_family || e.share <= 0 || e.share < params.evidence_min_share) break;
      const bool shot_taken = std::any_of(summary.evidence.end() - rank, summary.evidence.end(),
                                          [&](const Evidence& kept) { return kept.shot == e.shot; });
      if (shot_taken) continue;
      e.rank = ++rank;
      summary.evidence.push_back(std::move(e));
    }
  }
  return summary;
}

}  // namespace herlens::metrics
