#pragma once
// Records kept for every frame of a pass (shot scores, colour tallies, palette samples), read by
// the joins after it. The shot decision and the letterbox need the whole film's records before any
// shot is final, so they cannot be summarised while the pass runs; instead, all but the newest
// block live in an unnamed temporary file (in TMPDIR, removed by the system when closed, even
// after a crash), so a process's memory stays flat however long the film: about 3 MB per
// FrameRecords, against ~1 KB a frame held in memory (250 MB for a 2-hour film at 24 fps).
// Records are read back a block at a time through a small cache.
#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <span>
#include <type_traits>
#include <vector>

#include "herlens/storage/temporary_file.hpp"

namespace herlens::storage {

template <class Record>
class FrameRecords {
  static_assert(std::is_trivially_copyable_v<Record>, "records are copied to the file as bytes");

 public:
  // About 1 MB of records per block.
  static constexpr size_t default_block_records = std::max<size_t>(1, (size_t{1} << 20) / sizeof(Record));

  FrameRecords() : FrameRecords(default_block_records) {}
  explicit FrameRecords(size_t block_records) : block_records_(std::max<size_t>(1, block_records)) {
    tail_.reserve(block_records_);
  }

  // The new last record, to fill in. The reference holds until the next emplace_back().
  Record& emplace_back() {
    if (tail_.size() == block_records_) spill_tail();
    return tail_.emplace_back();
  }
  void push_back(const Record& record) { emplace_back() = record; }

  size_t size() const { return spilled_blocks_ * block_records_ + tail_.size(); }
  bool empty() const { return size() == 0; }

  // A copy, not a reference: the block it came from may leave the cache at the next read, so
  // bind it to a value (`const Record r = records[i];`), never a reference to a part of it.
  Record operator[](size_t i) const {
    const size_t block = i / block_records_;
    if (block == spilled_blocks_) return tail_[i % block_records_];
    return cached(block)[i % block_records_];
  }
  Record front() const { return (*this)[0]; }
  Record back() const { return (*this)[size() - 1]; }

  class const_iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = Record;
    using difference_type = std::ptrdiff_t;
    using reference = Record;
    using pointer = void;

    const_iterator() = default;
    const_iterator(const FrameRecords* records, size_t position) : records_(records), position_(position) {}
    Record operator*() const { return (*records_)[position_]; }
    Record operator[](difference_type n) const { return (*records_)[position_ + n]; }
    const_iterator& operator++() { return ++position_, *this; }
    const_iterator operator++(int) { const_iterator old = *this; ++position_; return old; }
    const_iterator& operator--() { return --position_, *this; }
    const_iterator operator--(int) { const_iterator old = *this; --position_; return old; }
    const_iterator& operator+=(difference_type n) { return position_ += n, *this; }
    const_iterator& operator-=(difference_type n) { return position_ -= n, *this; }
    friend const_iterator operator+(const_iterator it, difference_type n) { return it += n; }
    friend const_iterator operator+(difference_type n, const_iterator it) { return it += n; }
    friend const_iterator operator-(const_iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const const_iterator& a, const const_iterator& b) {
      return difference_type(a.position_) - difference_type(b.position_);
    }
    friend auto operator<=>(const const_iterator& a, const const_iterator& b) { return a.position_ <=> b.position_; }
    friend bool operator==(const const_iterator& a, const const_iterator& b) { return a.position_ == b.position_; }

   private:
    const FrameRecords* records_ = nullptr;
    size_t position_ = 0;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size()}; }

 private:
  struct CachedBlock {
    size_t block = SIZE_MAX;
    std::vector<Record> records;
  };

  void spill_tail() {
    if (!file_) file_.emplace(TemporaryFile::system_folder(), "the per-frame records (TMPDIR chooses the folder)");
    file_->write(int64_t(spilled_blocks_ * block_records_ * sizeof(Record)), std::as_bytes(std::span(tail_)));
    ++spilled_blocks_;
    tail_.clear();
  }

  // Two blocks: a window reaching back over a block edge reads both without thrashing.
  const std::vector<Record>& cached(size_t block) const {
    for (const CachedBlock& c : cache_)
      if (c.block == block) return c.records;
    CachedBlock& victim = cache_[next_victim_];
    next_victim_ = (next_victim_ + 1) % cache_.size();
    victim.records.resize(block_records_);
    file_->read(int64_t(block * block_records_ * sizeof(Record)), std::as_writable_bytes(std::span(victim.records)));
    victim.block = block;
    return victim.records;
  }

  size_t block_records_;
  size_t spilled_blocks_ = 0;
  std::vector<Record> tail_;  // records after the spilled blocks, fewer than a block
  std::optional<TemporaryFile> file_;  // made when the first block is full
  mutable std::array<CachedBlock, 2> cache_;
  mutable size_t next_victim_ = 0;
};

}  // namespace herlens::storage
