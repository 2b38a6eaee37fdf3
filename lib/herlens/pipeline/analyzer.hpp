#pragma once
// The one interface every analyzer implements. An analyzer sees every picture and audio block of
// the single decode pass, records time-stamped observations, and never prints or writes files:
// after finish() it hands over a plain result struct (its take_result()), which the joins in
// lib/herlens/metrics turn into the film's summary.
#include <cstdint>
#include <filesystem>
#include <string_view>
#include <vector>

#include "herlens/media/frames.hpp"
#include "herlens/media/source.hpp"

namespace herlens::pipeline {

struct Needs {
  bool video = false;  // wants pictures (delivered only when the input has a picture)
  bool audio = false;  // wants sound (delivered only when the input has sound)
  // Wants VideoFrame::picture; an analyzer that only counts or times frames says no, and when no
  // analyzer wants it the pictures are not converted at all.
  bool picture = true;
  // Wants VideoFrame::pixels with at most this many columns (0: no).
  int pixel_grid_width = 0;
  // May run on a thread of its own (run_pass decides): it shares no state with another analyzer,
  // asks for no detail picture, and costs enough per frame to be worth a thread.
  bool parallel = false;
};

class Analyzer {
 public:
  virtual ~Analyzer() = default;
  virtual std::string_view name() const = 0;
  virtual Needs needs() const = 0;
  // The trained model files it runs, for the summary's provenance.
  virtual std::vector<std::filesystem::path> model_files() const { return {}; }
  // Width of the detail picture wanted for this frame (0 = none); asked before on_video, on the
  // delivery thread. A parallel analyzer wants none: on a lane it is not asked.
  virtual int detail_width(int64_t /*index*/, double /*time*/) { return 0; }
  virtual void on_video(const media::VideoFrame& /*frame*/) {}
  virtual void on_audio(const media::AudioBlock& /*block*/) {}
  // Called once after the last frame.
  virtual void finish() {}
};

}  // namespace herlens::pipeline
