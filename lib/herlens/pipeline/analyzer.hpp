#pragma once
// The one interface every analysis implements. An analyzer sees every picture and audio block of
// the single decode pass, records time-stamped observations, and never prints or writes files:
// its results are read after finish() and turned into tables by lib/herlens/report.
#include <cstdint>
#include <string_view>

#include "herlens/media/frames.hpp"
#include "herlens/media/source.hpp"

namespace herlens::pipeline {

struct Needs {
  bool video = false;  // wants pictures
  bool audio = false;  // wants sound
  // When wanted but missing: required streams stop the run with Error(missing_stream);
  // optional ones are simply not delivered (dialogue on an audio file, say).
  bool video_required = false;
  bool audio_required = false;
  // Wants VideoFrame::picture; an analyzer that only counts or times frames says no, and when no
  // analyzer wants it the pictures are not converted at all.
  bool picture = true;
};

class Analyzer {
 public:
  virtual ~Analyzer() = default;
  virtual std::string_view name() const = 0;
  virtual Needs needs() const = 0;
  // Called once before the first frame, with what the source holds.
  virtual void start(const media::SourceInfo& /*source*/) {}
  // Width of the detail picture wanted for this frame (0 = none); asked before on_video.
  virtual int detail_width(int64_t /*index*/, double /*time*/) { return 0; }
  virtual void on_video(const media::VideoFrame& /*frame*/) {}
  virtual void on_audio(const media::AudioBlock& /*block*/) {}
  // Called once after the last frame.
  virtual void finish() {}
};

}  // namespace herlens::pipeline
