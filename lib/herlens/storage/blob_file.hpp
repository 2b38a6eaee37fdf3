#pragma once
// Byte strings by key (small JPEG pictures by frame), written once during a pass and read back
// after it. They live in an unnamed temporary file (TMPDIR), only their places in memory, so a
// long film's thousands of candidate pictures cost no memory until a few are chosen.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "herlens/storage/temporary_file.hpp"

namespace herlens::storage {

class BlobFile {
 public:
  // Keeps `bytes` under `key`, replacing what the key held. Throws Error(output) when it cannot.
  void put(int64_t key, std::span<const uint8_t> bytes);
  // What `key` holds, or nothing. Throws Error(output) when the file cannot be read.
  std::optional<std::vector<uint8_t>> get(int64_t key) const;
  size_t size() const { return places_.size(); }

 private:
  struct Place {
    int64_t offset = 0;
    int64_t size = 0;
  };
  std::map<int64_t, Place> places_;
  int64_t end_ = 0;                    // bytes written
  std::optional<TemporaryFile> file_;  // made at the first put()
};

}  // namespace herlens::storage
