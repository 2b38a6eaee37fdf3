// BlobFile: byte strings read back by key from the temporary file.
#include <string>

#include <doctest/doctest.h>

#include "herlens/error.hpp"
#include "herlens/storage/blob_file.hpp"
#include "support/environment.hpp"

using herlens::storage::BlobFile;

namespace {

std::vector<uint8_t> bytes(int seed, size_t count) {
  std::vector<uint8_t> out(count);
  for (size_t i = 0; i < count; ++i) out[i] = uint8_t(seed * 31 + i * 7);
  return out;
}

}  // namespace

TEST_CASE("blob file: what was put under a key comes back, and a key put twice holds the later bytes") {
  BlobFile blobs;
  CHECK_FALSE(blobs.get(3).has_value());  // nothing yet, and no file made
  for (int k = 0; k < 200; ++k) blobs.put(k * 5, bytes(k, size_t(100 + k * 13)));
  blobs.put(50, bytes(999, 7));
  blobs.put(60, {});
  CHECK(blobs.size() == 200);
  for (int k : {0, 199, 7, 150, 11}) CHECK(blobs.get(k * 5) == bytes(k, size_t(100 + k * 13)));
  CHECK(blobs.get(50) == bytes(999, 7));
  CHECK(blobs.get(60) == std::vector<uint8_t>{});
  CHECK_FALSE(blobs.get(51).has_value());
  const BlobFile moved = std::move(blobs);
  CHECK(moved.get(995) == bytes(199, size_t(100 + 199 * 13)));
}

TEST_CASE("blob file: a TMPDIR that cannot hold the file is an output error naming it") {
  const herlens::test::ScopedVariable tmpdir("TMPDIR", "/nonexistent-herlens-folder");
  BlobFile blobs;
  try {
    blobs.put(1, bytes(1, 10));
    FAIL("no error");
  } catch (const herlens::Error& e) {
    CHECK(e.kind() == herlens::ErrorKind::output);
    CHECK(std::string(e.what()).find("/nonexistent-herlens-folder") != std::string::npos);
  }
}
