// FrameRecords: records read back as written whether they sit in memory or in the temporary file.
#include <algorithm>
#include <string>

#include <doctest/doctest.h>

#include "herlens/error.hpp"
#include "herlens/storage/frame_records.hpp"
#include "support/environment.hpp"

using herlens::storage::FrameRecords;

namespace {

struct Record {
  int64_t index = 0;
  double time = 0;
  float values[5] = {};
};

Record record(int64_t i) { return {i, double(i) / 24, {float(i), float(-i), 0.5f, float(i % 7), 1}}; }

bool same(const Record& a, const Record& b) {
  return a.index == b.index && a.time == b.time && std::equal(std::begin(a.values), std::end(a.values), b.values);
}

}  // namespace

TEST_CASE("frame records: read back by index, in any order, across spilled blocks and the tail") {
  FrameRecords<Record> records(7);  // 7 records a block: 1000 records make 142 blocks in the file
  for (int64_t i = 0; i < 1000; ++i) {
    Record& r = records.emplace_back();
    r = record(i);
  }
  REQUIRE(records.size() == 1000);
  CHECK(same(records.front(), record(0)));
  CHECK(same(records.back(), record(999)));
  for (int64_t i : {999, 0, 500, 6, 7, 13, 14, 998, 1, 700, 701, 699})  // jumps between blocks
    CHECK(same(records[size_t(i)], record(i)));
  int64_t expected = 0;
  for (const Record& r : records) CHECK(same(r, record(expected++)));
  CHECK(expected == 1000);
  // A window reaching back over block edges, as the shot decision reads.
  for (int64_t i = 20; i < 1000; i += 37)
    for (int64_t j = i - 20; j <= i; ++j) REQUIRE(same(records[size_t(j)], record(j)));
}

TEST_CASE("frame records: iterators serve the standard algorithms") {
  FrameRecords<Record> records(5);
  for (int64_t i = 0; i < 64; ++i) records.push_back(record(3 * i));
  const auto at = std::lower_bound(records.begin(), records.end(), int64_t{100},
                                   [](const Record& r, int64_t index) { return r.index < index; });
  REQUIRE(at != records.end());
  CHECK((*at).index == 102);
  CHECK(at - records.begin() == 34);
  CHECK(std::count_if(records.begin(), records.end(), [](const Record& r) { return r.index % 2 == 0; }) == 32);
}

TEST_CASE("frame records: a move keeps the file and what was written") {
  FrameRecords<Record> records(4);
  for (int64_t i = 0; i < 30; ++i) records.push_back(record(i));
  FrameRecords<Record> moved = std::move(records);
  REQUIRE(moved.size() == 30);
  for (int64_t i = 0; i < 30; ++i) CHECK(same(moved[size_t(i)], record(i)));
}

TEST_CASE("frame records: a TMPDIR that cannot hold the file is an output error naming it, once the first block is full") {
  const herlens::test::ScopedVariable tmpdir("TMPDIR", "/nonexistent-herlens-folder");
  FrameRecords<Record> records(4);
  for (int64_t i = 0; i < 4; ++i) records.push_back(record(i));  // the first block fits in memory
  try {
    records.push_back(record(4));  // the first block goes to the file
    FAIL("no error");
  } catch (const herlens::Error& e) {
    CHECK(e.kind() == herlens::ErrorKind::output);
    CHECK(std::string(e.what()).find("/nonexistent-herlens-folder") != std::string::npos);
  }
}
