#pragma once
// herlens reports every failure as a herlens::Error carrying what kind of failure it is.
// The library throws; only the CLI turns the kind into a process exit code (see exit_code()).
#include <stdexcept>
#include <string>

namespace herlens {

enum class ErrorKind {
  usage,           // bad option value, bad claim expression, unknown metric
  input,           // input file missing or unreadable
  media,           // not a media file herlens can read, or refused (non-local reference)
  missing_stream,  // the command needs a video or audio stream the file does not have
  output,          // an output path cannot be written
  model,           // a trained model file is missing or corrupt
  decode,          // the stream has nothing decodable at all
  internal,        // a bug: should never happen
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

// Documented exit codes (README, `herlens --help`). 1 is reserved for "a claim does not hold".
constexpr int exit_code(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::usage: return 2;
    case ErrorKind::input: return 3;
    case ErrorKind::media: return 4;
    case ErrorKind::missing_stream: return 5;
    case ErrorKind::output: return 6;
    case ErrorKind::model: return 7;
    case ErrorKind::decode: return 8;
    case ErrorKind::internal: return 70;
  }
  return 70;
}

}  // namespace herlens
