#include "herlens/storage/blob_file.hpp"

namespace herlens::storage {

void BlobFile::put(int64_t key, std::span<const uint8_t> bytes) {
  if (!file_) file_.emplace(TemporaryFile::system_folder(), "the pictures kept during the pass (TMPDIR chooses the folder)");
  file_->write(end_, std::as_bytes(bytes));
  places_[key] = {end_, int64_t(bytes.size())};
  end_ += int64_t(bytes.size());
}

std::optional<std::vector<uint8_t>> BlobFile::get(int64_t key) const {
  const auto found = places_.find(key);
  if (found == places_.end()) return std::nullopt;
  std::vector<uint8_t> bytes(size_t(found->second.size));
  if (!bytes.empty()) file_->read(found->second.offset, std::as_writable_bytes(std::span(bytes)));
  return bytes;
}

}  // namespace herlens::storage
