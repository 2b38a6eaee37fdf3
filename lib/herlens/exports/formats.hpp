#pragma once
// The export formats (docs/exports.md): their names, the file each is written to in a report
// folder, what each needs of a report, and the writer of each.
#include <array>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "herlens/exports/film.hpp"
#include "herlens/report/saved_report.hpp"

namespace herlens::exports {

enum class Format { edl, otio, fcpxml, eaf, srt, vtt };
inline constexpr std::array<Format, 6> all_formats{Format::edl, Format::otio, Format::fcpxml,
                                                   Format::eaf, Format::srt,  Format::vtt};
std::string_view name(Format format);  // "edl", "otio", "fcpxml", "eaf", "srt", "vtt"
std::optional<Format> format_named(std::string_view name);
// "edl,srt" -> those formats, in order, each once. Throws Error(usage) naming one it does not know.
std::vector<Format> formats_named(std::string_view list);

// The file an export is written to in a report folder (herlens report --export): "shots.edl",
// "shots.otio", "shots.fcpxml", "annotations.eaf", "speech.srt", "speech.vtt".
std::string_view file_name(Format format);

// The analyses an export shows: it needs at least one of them (EAF: shots or dialogue).
std::vector<metrics::Analysis> shown(Format format);

// Throws Error(usage) when a format shows none of the analyses asked for (report --only shots
// --export srt): checked before any decoding.
void check_shown(std::span<const Format> formats, std::span<const metrics::Analysis> analyses);

// Why `report` cannot give this export, naming what it lacks and why ("it has no speech (the
// dialogue analysis was skipped: no audio stream)"); nullopt when it can.
std::optional<std::string> lacking(Format format, const report::SavedReport& report);

struct ExportOptions {
  std::string created;                 // when the export is made, ISO 8601 with zone (ELAN's DATE)
  std::filesystem::path written_in;    // the folder it is written to; empty for stdout
};

// The export as text (UTF-8). `film` must have what the format shows (lacking() says when not).
std::string export_text(Format format, const Film& film, const ExportOptions& options);

// herlens report --export: adds each of `formats` the outputs can give to their documents (under
// file_name()), read from the outputs as from the folder they make (options.written_in). Returns a warning for each
// it cannot give ("srt export skipped: it has no speech (the dialogue analysis was skipped: ...)").
std::vector<std::string> add_exports(report::Outputs& outputs, std::span<const Format> formats,
                                     const ExportOptions& options);

}  // namespace herlens::exports
