#pragma once
// What the speech detector has heard so far, for the face analyzer: mouths are measured only where
// speech and a face coincide, so that it stays cheap. Both analyzers run on the delivery thread,
// which hands pictures and sound over one at a time in decode order (media/frame_delivery.hpp); the
// face analyzer holds a sample back until the gate's answer for it is final (speech heard near it,
// or all the sound around it heard), so what the gate says of a sample depends on the file alone,
// never on timing. It only decides where mouths are measured;
// what counts as speech is the speech detector's segments.
#include <algorithm>
#include <limits>
#include <vector>

namespace herlens::analyzers {

class SpeechGate {
 public:
  // `reach`: seconds either side of a picture in which speech opens the gate.
  explicit SpeechGate(double reach) : reach_(reach) {}

  // A chunk of sound [start, end) (seconds) was heard, holding speech or not.
  void heard(double start, double end, bool speech) {
    heard_until_ = std::max(heard_until_, end);
    if (!speech) return;
    if (!speech_.empty() && speech_.back().second >= start - 1e-6) speech_.back().second = std::max(speech_.back().second, end);
    else speech_.push_back({start, end});
  }
  // Where the sound heard so far ends, seconds (minus infinity before any).
  double heard_until() const { return heard_until_; }
  // Speech was heard within `reach` of `time`, either side.
  bool speech_near(double time) const {
    // The first stretch of speech ending after time - reach; it must start before time + reach.
    const auto after = std::upper_bound(speech_.begin(), speech_.end(), time - reach_,
                                        [](double t, const std::pair<double, double>& s) { return t < s.second; });
    return after != speech_.end() && after->first <= time + reach_;
  }

 private:
  double reach_;
  double heard_until_ = -std::numeric_limits<double>::infinity();
  // Stretches of speech chunks, [start, end) seconds, in the order heard. Sound restarted by a jump
  // back in time may break the order; such a stretch is only found less often.
  std::vector<std::pair<double, double>> speech_;
};

}  // namespace herlens::analyzers
