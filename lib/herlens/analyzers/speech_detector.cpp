#include "herlens/analyzers/speech_detector.hpp"

#include <algorithm>
#include <cmath>


#include "herlens/error.hpp"
#include "herlens/models/model_files.hpp"

namespace herlens::analyzers {

namespace {

using models::SileroVad;
constexpr double sample_seconds = 1.0 / SileroVad::sample_rate;
constexpr double chunk_seconds = double(SileroVad::chunk_samples) / SileroVad::sample_rate;

const SpeechDetectorParams& checked(const SpeechDetectorParams& params) {
  params.validate();
  return params;
}

std::filesystem::path model_path(const std::filesystem::path& model_dir) {
  return model_dir.empty() ? models::find_model(SileroVad::model_file) : model_dir / SileroVad::model_file;
}

}  // namespace

const params::Table<SpeechDetectorParams>& SpeechDetectorParams::table() {
  static const params::Table<SpeechDetectorParams> table{
      "speech detector",
      {{"max_time_jump", "", "Seconds the audio may jump before detection restarts at the new time",
        &SpeechDetectorParams::max_time_jump, 0.001, 3600}}};
  return table;
}

void SpeechDetectorParams::validate() const {
  params::check(*this, table());
  segments.validate();
}

SpeechDetector::SpeechDetector(const Params& params, const std::filesystem::path& model_dir, SpeechGate* gate)
    : params_(checked(params)), model_file_(model_path(model_dir)), vad_(model_file_), gate_(gate) {
  static_assert(media::analysis_sample_rate == SileroVad::sample_rate);
  chunk_.reserve(SileroVad::chunk_samples);
}

void SpeechDetector::on_audio(const media::AudioBlock& block) {
  if (block.samples.empty()) return;
  const double expected = run_start_ + static_cast<double>(run_samples_) * sample_seconds;
  if (segmenter_ && std::abs(block.time - expected) > params_.max_time_jump) end_run();
  if (!segmenter_) {
    run_start_ = block.time;
    run_samples_ = 0;
    segmenter_.emplace(params_.segments, block.time);
    vad_.reset();
  }
  for (size_t i = 0; i < block.samples.size(); ++i) {
    chunk_.push_back(block.samples[i]);
    if (chunk_.size() == SileroVad::chunk_samples)
      run_chunk(run_start_ + static_cast<double>(run_samples_ + int64_t(i) + 1) * sample_seconds);
  }
  run_samples_ += static_cast<int64_t>(block.samples.size());
  heard_.audio_end = std::max(heard_.audio_end, run_start_ + static_cast<double>(run_samples_) * sample_seconds);
}

void SpeechDetector::run_chunk(double end_time) {
  const float probability = vad_.process(chunk_);
  if (gate_) gate_->heard(end_time - chunk_seconds, end_time, probability >= params_.segments.on_threshold);
  if (auto segment = segmenter_->push(probability)) heard_.segments.push_back(*segment);
  chunk_.clear();
}

void SpeechDetector::end_run() {
  if (!segmenter_) return;
  // As Silero does, the last short chunk is completed with silence.
  const double run_end = run_start_ + static_cast<double>(run_samples_) * sample_seconds;
  if (!chunk_.empty()) {
    chunk_.resize(SileroVad::chunk_samples, 0.0f);
    run_chunk(run_end);
  }
  for (metrics::SpeechSegment segment : segmenter_->finish()) {
    segment.end = std::min(segment.end, run_end);  // not into the silence added above
    if (segment.end > segment.start) heard_.segments.push_back(segment);
  }
  segmenter_.reset();
}

void SpeechDetector::finish() {
  end_run();
  // Runs restarted after a backward jump may overlap the previous run's end.
  std::vector<metrics::SpeechSegment>& segments = heard_.segments;
  std::sort(segments.begin(), segments.end(),
            [](const metrics::SpeechSegment& a, const metrics::SpeechSegment& b) { return a.start < b.start; });
  for (size_t k = 1; k < segments.size(); ++k) segments[k].start = std::max(segments[k].start, segments[k - 1].end);
  std::erase_if(segments, [](const metrics::SpeechSegment& s) { return !(s.end > s.start); });
}

}  // namespace herlens::analyzers
