#include "herlens/models/silero_vad.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/cpu_dispatch.hpp"
#include "herlens/models/onnx_reader.hpp"

namespace herlens::models {

namespace {

// Geometry of the 16 kHz branch, as the graph has it (If_0's then_branch).
constexpr int context_samples = 64;    // tail of the previous chunk, fed before the new one
constexpr int reflected_samples = 64;  // reflect padding the graph adds after the new samples
constexpr int signal_samples = context_samples + SileroVad::chunk_samples + reflected_samples;
constexpr int window = 256;  // STFT as a Conv1d: kernel 256, stride 128
constexpr int hop = 128;
constexpr int frames = (signal_samples - window) / hop + 1;  // 4
constexpr int bins = window / 2 + 1;                         // 129 magnitudes
constexpr int hidden = 128;                                  // LSTM cell size
constexpr int gates = 4 * hidden;                            // i, f, g, o (PyTorch order)

struct ConvShape {
  int in_channels, out_channels, stride;
};
// Four Conv1d (kernel 3, padding 1) + ReLU.
constexpr int conv_kernel = 3;
constexpr int conv_padding = 1;
constexpr std::array<ConvShape, 4> conv_shapes{
    {{bins, 128, 1}, {128, 64, 2}, {64, 64, 2}, {64, hidden, 1}}};

constexpr int conv_out_steps(int in_steps, int stride) {
  return (in_steps + 2 * conv_padding - conv_kernel) / stride + 1;
}
// Time steps into each conv, and out of the last one.
constexpr std::array<int, conv_shapes.size() + 1> steps = [] {
  std::array<int, conv_shapes.size() + 1> result{frames};
  for (size_t layer = 0; layer < conv_shapes.size(); ++layer)
    result[layer + 1] = conv_out_steps(result[layer], conv_shapes[layer].stride);
  return result;
}();
// The graph's decoder takes the LSTM one step per chunk: the encoder must end on one time step.
static_assert(steps.back() == 1);

// The 16 kHz network's tensors, inlined from If_0's then_branch (taken when sr == 16000).
const OnnxTensor& tensor(const OnnxWeights& model, std::string_view name,
                         std::initializer_list<int64_t> dims) {
  return model.get(fmt::format("If_0_then_branch__Inline_0__{}", name), dims);
}

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

void relu(std::span<float> values) {
  for (float& value : values) value = std::max(value, 0.0f);
}

// out += scales[0] * rows[0] + ... + scales[3] * rows[3], the rows `row_stride` apart: taking
// four weight rows per pass over `out` quarters its loads and stores. The restrict pointers let
// the compiler vectorize without alias checks.
void add_scaled_rows4(float* __restrict out, const float* __restrict rows, int row_stride,
                      const float* __restrict scales, int count) {
  const float* row1 = rows + row_stride;
  const float* row2 = row1 + row_stride;
  const float* row3 = row2 + row_stride;
  for (int i = 0; i < count; ++i)
    out[i] += scales[0] * rows[i] + scales[1] * row1[i] + scales[2] * row2[i] + scales[3] * row3[i];
}

void add_scaled_row(float* __restrict out, const float* __restrict row, float scale, int count) {
  for (int i = 0; i < count; ++i) out[i] += scale * row[i];
}

// A linear map applied to a few input rows at once: every layer of the network is one. The
// weights are stored transposed ([inputs][outputs]) so that each input value scales a contiguous
// weight row into the output row: vectorizable without reductions or -ffast-math.
struct Linear {
  int inputs = 0, outputs = 0;
  std::vector<float> weights;  // [inputs][outputs]
  std::vector<float> bias;     // [outputs]

  Linear(int input_count, int output_count)
      : inputs(input_count),
        outputs(output_count),
        weights(static_cast<size_t>(input_count) * output_count),
        bias(output_count) {}

  float& weight(int input, int output) {
    return weights[static_cast<size_t>(input) * outputs + output];
  }
  const float* weight_row(int input) const {
    return weights.data() + static_cast<size_t>(input) * outputs;
  }

  // out[r][o] = bias[o] + sum_i in[r * in_stride + i] * weight(i, o), for r < rows. Input rows
  // may overlap (in_stride < inputs); output rows are packed. Rows are the inner loop so each
  // block of weight rows is used for all of them while it is in the L1 cache.
  HERLENS_ALSO_AVX2 void apply(const float* in, int in_stride, int rows, float* out) const {
    for (int r = 0; r < rows; ++r) std::copy(bias.begin(), bias.end(), out + r * outputs);
    int i = 0;
    for (; i + 4 <= inputs; i += 4)
      for (int r = 0; r < rows; ++r)
        add_scaled_rows4(out + r * outputs, weight_row(i), outputs, in + r * in_stride + i,
                         outputs);
    for (; i < inputs; ++i)
      for (int r = 0; r < rows; ++r)
        add_scaled_row(out + r * outputs, weight_row(i), in[r * in_stride + i], outputs);
  }
};

// Conv1d weights [out][in][kernel] as a Linear over `kernel` consecutive time steps of
// time-major [time][channel] activations, whose rows then need no copying (im2col for free).
Linear conv_layer(const OnnxWeights& model, int index, const ConvShape& shape) {
  const auto prefix = fmt::format("encoder.{}.reparam_conv.", index);
  const auto& w =
      tensor(model, prefix + "weight", {shape.out_channels, shape.in_channels, conv_kernel});
  const auto& b = tensor(model, prefix + "bias", {shape.out_channels});
  Linear layer(conv_kernel * shape.in_channels, shape.out_channels);
  for (int out = 0; out < shape.out_channels; ++out)
    for (int in = 0; in < shape.in_channels; ++in)
      for (int k = 0; k < conv_kernel; ++k)
        layer.weight(k * shape.in_channels + in, out) =
            w.values[(static_cast<size_t>(out) * shape.in_channels + in) * conv_kernel + k];
  layer.bias = b.values;
  return layer;
}

// The STFT's Conv1d basis [2 * bins][1][window]: rows 0..128 give the real parts, 129..257 the
// imaginary ones. No bias.
Linear stft_layer(const OnnxWeights& model) {
  const auto& basis = tensor(model, "stft.forward_basis_buffer", {2 * bins, 1, window});
  Linear layer(window, 2 * bins);
  for (int channel = 0; channel < 2 * bins; ++channel)
    for (int t = 0; t < window; ++t)
      layer.weight(t, channel) = basis.values[static_cast<size_t>(channel) * window + t];
  return layer;
}

// The LSTM cell's gate pre-activations from [input | hidden] at once: both weight matrices
// stacked, both biases summed.
Linear lstm_layer(const OnnxWeights& model) {
  const auto& input_weights = tensor(model, "decoder.rnn.weight_ih", {gates, hidden});
  const auto& hidden_weights = tensor(model, "decoder.rnn.weight_hh", {gates, hidden});
  const auto& input_bias = tensor(model, "decoder.rnn.bias_ih", {gates});
  const auto& hidden_bias = tensor(model, "decoder.rnn.bias_hh", {gates});
  Linear layer(2 * hidden, gates);
  for (int gate = 0; gate < gates; ++gate) {
    for (int j = 0; j < hidden; ++j) {
      const size_t at = static_cast<size_t>(gate) * hidden + j;
      layer.weight(j, gate) = input_weights.values[at];
      layer.weight(hidden + j, gate) = hidden_weights.values[at];
    }
    layer.bias[gate] = input_bias.values[gate] + hidden_bias.values[gate];
  }
  return layer;
}

}  // namespace

struct SileroVad::Network {
  Linear stft;
  std::array<Linear, conv_shapes.size()> convs;
  Linear lstm;
  std::vector<float> decoder_weights;  // 1x1 conv hidden -> 1
  float decoder_bias;

  // [context | new chunk | reflection]; the context is the state carried between chunks.
  std::array<float, signal_samples> signal{};
  std::array<float, frames * 2 * bins> spectrum{};
  // Input of each conv, time-major with one zero row before and after: the conv's padding.
  std::array<std::vector<float>, conv_shapes.size()> conv_inputs;
  // [encoder output | LSTM hidden state h]: the LSTM's input, and with h its carried state.
  std::array<float, 2 * hidden> lstm_input{};
  std::array<float, hidden> cell{};  // LSTM cell state c, carried
  std::array<float, gates> gate_values{};

  explicit Network(const OnnxWeights& model)
      : stft(stft_layer(model)),
        convs{conv_layer(model, 0, conv_shapes[0]), conv_layer(model, 1, conv_shapes[1]),
              conv_layer(model, 2, conv_shapes[2]), conv_layer(model, 3, conv_shapes[3])},
        lstm(lstm_layer(model)),
        decoder_weights(tensor(model, "decoder.decoder.2.weight", {1, hidden, 1}).values),
        decoder_bias(tensor(model, "decoder.decoder.2.bias", {1}).values[0]) {
    for (size_t layer = 0; layer < conv_shapes.size(); ++layer)
      conv_inputs[layer].assign(
          static_cast<size_t>(steps[layer] + 2) * conv_shapes[layer].in_channels, 0.0f);
  }

  float process(std::span<const float> chunk) {
    std::copy(chunk.begin(), chunk.end(), signal.begin() + context_samples);
    // Reflect padding mirrors around the last sample without repeating it.
    constexpr int last = context_samples + SileroVad::chunk_samples - 1;
    for (int i = 1; i <= reflected_samples; ++i) signal[last + i] = signal[last - i];

    stft.apply(signal.data(), hop, frames, spectrum.data());
    float* magnitudes = conv_inputs[0].data() + bins;  // after the zero row
    for (int frame = 0; frame < frames; ++frame) {
      const float* real = spectrum.data() + frame * 2 * bins;
      const float* imaginary = real + bins;
      for (int bin = 0; bin < bins; ++bin)
        magnitudes[frame * bins + bin] =
            std::sqrt(real[bin] * real[bin] + imaginary[bin] * imaginary[bin]);
    }

    for (size_t layer = 0; layer < convs.size(); ++layer) {
      const ConvShape& shape = conv_shapes[layer];
      const int out_steps = steps[layer + 1];
      float* out = layer + 1 < convs.size() ? conv_inputs[layer + 1].data() + shape.out_channels
                                            : lstm_input.data();
      convs[layer].apply(conv_inputs[layer].data(), shape.stride * shape.in_channels, out_steps,
                         out);
      relu({out, static_cast<size_t>(out_steps * shape.out_channels)});
    }

    lstm.apply(lstm_input.data(), 0, 1, gate_values.data());
    float* hidden_state = lstm_input.data() + hidden;
    float logit = decoder_bias;
    for (int j = 0; j < hidden; ++j) {
      const float input_gate = sigmoid(gate_values[j]);
      const float forget_gate = sigmoid(gate_values[hidden + j]);
      const float candidate = std::tanh(gate_values[2 * hidden + j]);
      const float output_gate = sigmoid(gate_values[3 * hidden + j]);
      cell[j] = forget_gate * cell[j] + input_gate * candidate;
      hidden_state[j] = output_gate * std::tanh(cell[j]);
      logit += std::max(hidden_state[j], 0.0f) * decoder_weights[j];
    }

    // The next chunk's context is this chunk's tail.
    std::copy_n(signal.begin() + SileroVad::chunk_samples, context_samples, signal.begin());
    return sigmoid(logit);
  }

  void reset() {
    std::fill_n(signal.begin(), context_samples, 0.0f);
    lstm_input.fill(0.0f);
    cell.fill(0.0f);
  }
};

SileroVad::SileroVad(const std::filesystem::path& model)
    : network_(std::make_unique<Network>(OnnxWeights::load(model))) {}

SileroVad::~SileroVad() = default;
SileroVad::SileroVad(SileroVad&&) noexcept = default;
SileroVad& SileroVad::operator=(SileroVad&&) noexcept = default;

float SileroVad::process(std::span<const float> chunk) {
  if (chunk.size() != chunk_samples)
    throw Error(ErrorKind::internal,
                fmt::format("SileroVad::process: {} samples given, {} expected", chunk.size(),
                            chunk_samples));
  return network_->process(chunk);
}

void SileroVad::reset() { network_->reset(); }

}  // namespace herlens::models
