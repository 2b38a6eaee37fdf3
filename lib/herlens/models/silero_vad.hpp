#pragma once
// Silero VAD v6 speech detection, run natively: the 16 kHz network of silero_vad_v6.onnx (as
// packaged in @ricky0123/vad-web 0.0.31, fetched by scripts/setup), evaluated in plain C++ with its
// weights read from the model file. Matches ONNX Runtime on that file within 1e-4.
#include <filesystem>
#include <memory>
#include <span>

namespace herlens::models {

// Speech probability of consecutive 32 ms chunks of 16 kHz mono audio. The network is recurrent
// (each chunk also sees the end of the previous one, and an LSTM state carries on), so a result
// depends on every chunk since construction or reset(): feed one stream's chunks in order, with no
// gaps. One instance per stream; not thread-safe. No allocation after construction.
class SileroVad {
 public:
  static constexpr const char* model_file = "silero_vad_v6.onnx";  // for find_model()
  static constexpr int sample_rate = 16000;                        // Hz, the only rate supported
  static constexpr int chunk_samples = 512;  // samples per process() call (32 ms)

  // Reads the weights from `model`. Throws Error(model), naming scripts/setup, when the file is
  // missing, unreadable, corrupt or does not hold this network.
  explicit SileroVad(const std::filesystem::path& model);
  ~SileroVad();
  SileroVad(SileroVad&&) noexcept;
  SileroVad& operator=(SileroVad&&) noexcept;

  // `chunk` is exactly chunk_samples samples at sample_rate, nominally in [-1, 1], following the
  // previous call's chunk. Returns the probability, in [0, 1], that the chunk holds speech.
  // Throws Error(internal) when the chunk has another size.
  float process(std::span<const float> chunk);

  // Forgets all previous chunks: the next process() behaves as the first after construction.
  void reset();

 private:
  struct Network;
  std::unique_ptr<Network> network_;
};

}  // namespace herlens::models
