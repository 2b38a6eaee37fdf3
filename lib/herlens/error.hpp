#pragma once
// herlens reports every failure as a herlens::Error carrying what kind of failure it is.
// The library throws; only the CLI turns the kind into a process exit code (see exit_code()).
#include <stdexcept>
#include <string>
#include <string_view>

namespace herlens {

enum class ErrorKind {
  usage,           // bad option value, bad claim expression, unknown metric, bad shot list
  input,           // input file (or a file an option names) missing or unreadable
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

// Every Params::validate() checks its values with this: Error(usage) "<owner>: <name> must be
// low..high, not <value>" when `value` is outside [low, high] (or not a number).
void check_range(std::string_view owner, std::string_view name, double value, double low, double high);

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
