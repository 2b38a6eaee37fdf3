#include "herlens/metrics/shot_list.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/metrics/csv.hpp"
#include "herlens/models/model_files.hpp"

namespace herlens::metrics {

namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

std::string_view trimmed(std::string_view text) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

bool same_name(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

bool blank(const CsvRow& row) {
  return std::all_of(row.cells.begin(), row.cells.end(), [](const std::string& c) { return trimmed(c).empty(); });
}

// Where a format keeps what herlens reads, and how its frames count.
struct Layout {
  ShotListFormat format;
  std::string_view start, end, transition, transition_out, content;  // column names; "": none
  int64_t first_frame;  // the number the format gives a film's first frame
  // The end column names the last frame of the shot (inclusive) rather than the one after it.
  bool end_inclusive;
};

// PySceneDetect numbers frames from 1 since version 0.6 (its changelog: frame numbers 1-based,
// issue #265; start and end frames of adjacent scenes no longer shared, issue #264), and its
// list-scenes writer gives a scene's first frame plus one as Start Frame and its exclusive 0-based
// end as End Frame, which is the 1-based number of its last frame.
constexpr std::array<Layout, 2> layouts = {{
    {ShotListFormat::herlens, "start_frame", "end_frame", "transition", "transition_out", "content", 0, false},
    {ShotListFormat::pyscenedetect, "Start Frame", "End Frame", "", "", "", 1, true},
}};

struct Columns {
  const Layout* layout = nullptr;
  size_t start = 0, end = 0;
  std::optional<size_t> transition, transition_out, content;
};

std::optional<size_t> column(const CsvRow& header, std::string_view name) {
  if (name.empty()) return std::nullopt;
  for (size_t k = 0; k < header.cells.size(); ++k)
    if (same_name(trimmed(header.cells[k]), name)) return k;
  return std::nullopt;
}

std::optional<Columns> columns_of(const CsvRow& header) {
  for (const Layout& layout : layouts) {
    const std::optional<size_t> start = column(header, layout.start), end = column(header, layout.end);
    if (start && end)
      return Columns{&layout,
                     *start,
                     *end,
                     column(header, layout.transition),
                     column(header, layout.transition_out),
                     column(header, layout.content)};
  }
  return std::nullopt;
}

class Reader {
 public:
  Reader(std::string_view file, const Columns& columns) : file_(file), columns_(columns) {}

  [[noreturn]] void fail(int64_t line, std::string_view why) const {
    throw Error(ErrorKind::usage, fmt::format("{} line {}: {}", file_, line, why));
  }

  // A cell as a frame number of the list's own counting.
  int64_t frame(const CsvRow& row, size_t index, std::string_view name) const {
    if (index >= row.cells.size()) fail(row.line, fmt::format("no {}", name));
    const std::string_view text = trimmed(row.cells[index]);
    int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
      fail(row.line, fmt::format("{} '{}' is not a frame number", name, text));
    if (value < columns_.layout->first_frame)
      fail(row.line, columns_.layout->first_frame == 0
                         ? fmt::format("{} {} is negative", name, value)
                         : fmt::format("{} {}: PySceneDetect numbers frames from 1 (since version 0.6; "
                                       "lists of older versions, numbered from 0, are not read)",
                                       name, value));
    return value;
  }

  // The kind a cell of column `index` names, one of `kinds`; `otherwise` when there is no such
  // column or the cell is empty.
  template <typename Kind, size_t N>
  Kind kind(const CsvRow& row, std::optional<size_t> index, std::string_view column,
            const std::array<Kind, N>& kinds, Kind otherwise) const {
    if (!index || *index >= row.cells.size()) return otherwise;
    const std::string_view text = trimmed(row.cells[*index]);
    if (text.empty()) return otherwise;
    std::string names;
    for (const Kind k : kinds) {
      if (same_name(text, name(k))) return k;
      names += fmt::format("{}{}", names.empty() ? "" : ", ", name(k));
    }
    fail(row.line, fmt::format("{} '{}' is not one of {}", column, text, names));
  }

  // The `content` cell: "picture" (also when there is no such column or the cell is empty) or "blank".
  std::string_view content(const CsvRow& row, std::string_view column) const {
    if (!columns_.content || *columns_.content >= row.cells.size()) return "picture";
    const std::string_view text = trimmed(row.cells[*columns_.content]);
    if (text.empty() || same_name(text, "picture")) return "picture";
    if (same_name(text, "blank")) return "blank";
    fail(row.line, fmt::format("{} '{}' is not one of picture, blank", column, text));
  }

  ListedShot shot(const CsvRow& row) const {
    const Layout& layout = *columns_.layout;
    ListedShot shot{row.line, frame(row, columns_.start, layout.start), frame(row, columns_.end, layout.end),
                    kind(row, columns_.transition, layout.transition, all_shot_starts, ShotStart::cut),
                    kind(row, columns_.transition_out, layout.transition_out, all_shot_ends, ShotEnd::cut) ==
                        ShotEnd::fade_out,
                    content(row, layout.content) == "blank"};
    if (shot.end_frame < shot.start_frame + (layout.end_inclusive ? 0 : 1))
      fail(row.line, fmt::format("{} {} is {} {} {}", layout.end, shot.end_frame,
                                 layout.end_inclusive ? "before" : "not after", layout.start, shot.start_frame));
    shot.start_frame -= layout.first_frame;
    return shot;
  }

 private:
  std::string_view file_;
  const Columns& columns_;
};

}  // namespace

ShotList parse_shot_list(std::string_view text, std::string file) {
  ShotList list{std::move(file), models::sha256_of(text), ShotListFormat::herlens, {}};
  if (text.starts_with(byte_order_mark)) text.remove_prefix(byte_order_mark.size());
  std::vector<CsvRow> rows = read_csv(text);
  std::erase_if(rows, blank);
  // The header is the first row, or the second after PySceneDetect's cut list ("Timecode List:").
  std::optional<Columns> columns;
  size_t header = 0;
  for (; header < std::min<size_t>(rows.size(), 2) && !columns; ++header) {
    columns = columns_of(rows[header]);
    if (header == 1 && columns && columns->layout->format != ShotListFormat::pyscenedetect) columns.reset();
  }
  if (!columns)
    throw Error(ErrorKind::usage,
                fmt::format("{}: not a shot list: no header with start_frame and end_frame (herlens shots.csv) "
                            "or Start Frame and End Frame (PySceneDetect list-scenes)",
                            list.file));
  list.format = columns->layout->format;
  const Reader reader(list.file, *columns);
  for (size_t k = header; k < rows.size(); ++k) list.shots.push_back(reader.shot(rows[k]));
  if (list.shots.empty()) throw Error(ErrorKind::usage, fmt::format("{}: no shots listed", list.file));

  std::stable_sort(list.shots.begin(), list.shots.end(),
                   [](const ListedShot& a, const ListedShot& b) { return a.start_frame < b.start_frame; });
  for (size_t k = 1; k < list.shots.size(); ++k)
    if (list.shots[k].start_frame < list.shots[k - 1].end_frame)
      reader.fail(list.shots[k].line, fmt::format("the shot overlaps the one on line {}", list.shots[k - 1].line));
  return list;
}

ShotDetection shots_from_list(const ShotList& list, std::span<const double> frame_times, double end_time) {
  if (list.shots.empty()) throw Error(ErrorKind::internal, fmt::format("{}: a shot list without shots", list.file));
  const auto frames = static_cast<int64_t>(frame_times.size());
  for (const ListedShot& listed : list.shots)
    if (listed.end_frame > frames)
      throw Error(ErrorKind::usage, fmt::format("{} line {}: the shot ends at frame {}, beyond the film's {} frames "
                                                "(a list made from another file, or with another --start?)",
                                                list.file, listed.line, listed.end_frame, frames));
  ShotDetection detection;
  detection.end_time = end_time;
  const ShotStart opening = list.shots.front().begins == ShotStart::fade_in ? ShotStart::fade_in : ShotStart::start;
  detection.shots.push_back({0, frames, frame_times[0], end_time, opening, ShotEnd::end, list.shots.front().blank});
  // Shot k is listed shot k, ended by the start of the next one (or the film's end). A listed
  // boundary is as certain as the scholar who listed it: confidence 1.
  constexpr float listed = 1;
  for (size_t k = 0; k < list.shots.size(); ++k) {
    Shot& shot = detection.shots.back();
    const bool last = k + 1 == list.shots.size();
    const ShotStart next = last || list.shots[k + 1].begins == ShotStart::start ? ShotStart::cut : list.shots[k + 1].begins;
    const TransitionKind kind = next == ShotStart::dissolve   ? TransitionKind::dissolve
                                : next == ShotStart::fade_in  ? TransitionKind::fade_in
                                : next == ShotStart::fade_out ? TransitionKind::fade_out
                                                              : TransitionKind::cut;
    if (!last) {
      shot.end_frame = list.shots[k + 1].start_frame;
      shot.end_time = frame_times[size_t(shot.end_frame)];
      shot.ends = shot_end(kind);
    }
    // A fade out into black too brief to be listed on its own row starts no shot.
    if (list.shots[k].fades_out && kind != TransitionKind::fade_out) {
      shot.ends = ShotEnd::fade_out;
      detection.transitions.push_back(
          {TransitionKind::fade_out, shot.end_frame, shot.end_frame, -1, shot.end_time, shot.end_time, listed});
    }
    if (last) break;
    const int64_t boundary = shot.end_frame;
    const double time = shot.end_time;
    detection.transitions.push_back({kind, boundary, boundary, boundary, time, time, listed});
    detection.shots.push_back({boundary, frames, time, end_time, next, ShotEnd::end, list.shots[k + 1].blank});
  }
  return detection;
}

}  // namespace herlens::metrics
