#pragma once
// Colour of every frame (metrics.md, "Colour"): family counts, pastel count and L*a*b* sums over
// a quarter of its pixels (a pattern that four successive frames complete), the frame's near-black
// border, a few sampled pixels for palettes and, per family, a bounded pool of thumbnails of the
// frames where it is strongest. Memory per frame is a few hundred bytes; thumbnails are bounded by
// the pool size, whatever the film's length.
// After the pass, summarise() joins the frames with the shots: bars removed, per-shot figures,
// palettes, evidence.
#include <array>
#include <cstdint>
#include <deque>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/analyzers/letterbox.hpp"
#include "herlens/metrics/colour.hpp"
#include "herlens/metrics/palette.hpp"
#include "herlens/metrics/shot.hpp"
#include "herlens/pipeline/analyzer.hpp"

namespace herlens::analyzers {

struct ColourParams {
  int samples_per_frame = 32;          // pixels kept per frame for palettes, 1..1024
  int max_palette_pixels = 50000;      // k-means input per palette (evenly thinned), 100..10000000
  int evidence_per_family = 3;         // shots shown per family, 0..50
  int evidence_pool = 8;               // candidate frames kept per shown shot, 1..100
  double evidence_gap_seconds = 2.0;   // of two similar-looking candidates this close in time keep the stronger, 0..3600
  double evidence_min_share = 0.01;   // a frame shows a family only when it holds this share, 0..1
  int thumbnail_width = 160;           // evidence thumbnails, pixels, 16..1920
  metrics::PaletteParams palette;
  LetterboxParams letterbox;
  void validate() const;  // throws Error(usage) naming the bad value
};

// Pixel counts and L*a*b* sums over some set of pixels.
struct ColourTally {
  std::array<int64_t, metrics::family_count> family{};
  int64_t pastel = 0;
  int64_t pixels = 0;
  double lightness = 0, a = 0, b = 0, chroma = 0;  // sums of L*, a*, b*, C*

  ColourTally& operator+=(const ColourTally& other);
  // Removes `fraction` (0..1) of `part`, a near-black part of these pixels (so family black).
  void remove_near_black(const ColourTally& part, double fraction);
  int64_t chromatic() const;
  double share(metrics::Family f) const { return pixels > 0 ? double(family[size_t(f)]) / double(pixels) : 0; }
  metrics::Lab mean() const;  // mean L*, a*, b*; zeros when empty
};

struct FrameColour {
  int64_t index = 0;
  double time = 0;      // seconds
  double duration = 0;  // seconds
  ColourTally all;          // the pixels of the picture examined (a quarter of them)
  ColourTally border_dark;  // near-black pixels inside this frame's own dark border
  Border border;            // this frame's dark border
};

struct EvidenceCandidate {
  int64_t frame = 0;
  double time = 0;
  double share = 0;  // family share of the frame's picture inside its own border
  metrics::Lab mean;  // mean colour of that picture
  cv::Mat thumbnail;
};

class ColourAnalyzer final : public pipeline::Analyzer {
 public:
  explicit ColourAnalyzer(const ColourParams& params = {});
  std::string_view name() const override { return "colour"; }
  pipeline::Needs needs() const override { return {true, false, true, false}; }
  void on_video(const media::VideoFrame& frame) override;

  const ColourParams& params() const { return params_; }
  cv::Size picture_size() const { return size_; }  // of the first picture; later ones are fitted to it
  const std::deque<FrameColour>& frames() const { return frames_; }
  // samples_per_frame pixels of frame i at [i * samples_per_frame, (i + 1) * samples_per_frame).
  const std::deque<metrics::Rgb8>& samples() const { return samples_; }
  const std::array<std::vector<EvidenceCandidate>, metrics::family_count>& candidates() const {
    return candidates_;
  }

 private:
  struct RowDark {  // near-black pixels of one row
    int count = 0;
    int64_t lightness = 0, a = 0, b = 0, chroma = 0;  // sums times 100
  };
  // Pictures narrower or shorter than this are examined whole, not a quarter at a time.
  static constexpr int min_sampled_side = 32;
  void measure(const cv::Mat& picture, int64_t position, FrameColour& frame);
  void sample(const cv::Mat& picture, const Border& border, int64_t index);
  void offer_evidence(const cv::Mat& picture, const FrameColour& frame);

  ColourParams params_;
  metrics::PixelClassifier classify_;
  cv::Size size_;
  cv::Mat fitted_;  // a picture of another size, resized to size_
  std::vector<RowDark> rows_;
  std::vector<int> columns_;  // near-black pixels per column
  // Records for the whole film: deques grow without copying what they hold, so memory never
  // briefly doubles as a vector's does.
  std::deque<FrameColour> frames_;
  std::deque<metrics::Rgb8> samples_;
  std::array<std::vector<EvidenceCandidate>, metrics::family_count> candidates_;
};

struct FamilyShares {
  double pixel = 0;      // family pixels / active pixels
  double chromatic = 0;  // family pixels / chromatic pixels (0 for achromatic families)
  double shot = 0;       // shots where the family covers >= 10% of the shot's pixels / shots
  double time = 0;       // the same weighted by shot duration
};

struct ShotColour {
  metrics::Shot shot;
  Border bars;         // removed from this shot's pictures
  ColourTally tally;   // active pixels of the shot
  std::vector<metrics::PaletteColour> palette;
};

struct Evidence {
  metrics::Family family = metrics::Family::black;
  int rank = 1;        // 1 = strongest
  size_t shot = 0;     // index into ColourSummary::shots
  int64_t frame = 0;
  double time = 0;     // seconds
  double share = 0;    // family share of the frame's active picture
  cv::Mat thumbnail;   // BGR
};

struct ColourSummary {
  ColourTally total;  // every active pixel analysed
  std::array<FamilyShares, metrics::family_count> families;
  double warm_share = 0, cool_share = 0, pastel_share = 0;  // of active pixels
  double mean_lightness = 0, mean_chroma = 0;
  std::vector<metrics::PaletteColour> palette;
  std::vector<ShotColour> shots;
  std::vector<Evidence> evidence;  // by family, then rank
  ActiveAreas areas;
  std::vector<double> frame_times;        // seconds, one per frame
  std::vector<metrics::Lab> frame_means;  // mean colour of each frame's active picture
};

// A shot covers the family when it holds at least this share of the shot's pixels (metrics.md).
inline constexpr double shot_presence_share = 0.10;

// Joins the analyzer's frames with `shots` (sorted, from the shot detector); no shots means the
// whole stream is one shot.
ColourSummary summarise(const ColourAnalyzer& analyzer, std::vector<metrics::Shot> shots);

}  // namespace herlens::analyzers
