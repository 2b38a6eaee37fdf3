#include "herlens/exports/formats.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/suggest.hpp"
#include "herlens/exports/eaf.hpp"
#include "herlens/exports/edl.hpp"
#include "herlens/exports/fcpxml.hpp"
#include "herlens/exports/otio.hpp"
#include "herlens/exports/subtitles.hpp"

namespace herlens::exports {

namespace {

using metrics::Analysis;

// What the analyses' sections hold, as a message names it.
std::string_view holding(Analysis analysis) {
  switch (analysis) {
    case Analysis::shots: return "shots";
    case Analysis::dialogue: return "speech";
    case Analysis::palette: return "colours";
    case Analysis::framing: return "framing";
  }
  return "";
}

}  // namespace

std::string_view name(Format format) {
  switch (format) {
    case Format::edl: return "edl";
    case Format::otio: return "otio";
    case Format::fcpxml: return "fcpxml";
    case Format::eaf: return "eaf";
    case Format::srt: return "srt";
    case Format::vtt: return "vtt";
  }
  return "";
}

std::optional<Format> format_named(std::string_view text) {
  for (const Format format : all_formats)
    if (name(format) == text) return format;
  return std::nullopt;
}

std::vector<Format> formats_named(std::string_view list) {
  std::vector<Format> formats;
  size_t from = 0;
  while (from <= list.size()) {
    const size_t comma = std::min(list.find(',', from), list.size());
    const std::string_view item = list.substr(from, comma - from);
    const std::optional<Format> format = format_named(item);
    if (!format) {
      std::string known;
      std::vector<std::string> names;
      for (const Format f : all_formats) {
        known += fmt::format("{}{}", known.empty() ? "" : ", ", name(f));
        names.emplace_back(name(f));
      }
      throw Error(ErrorKind::usage,
                  fmt::format("unknown export format '{}' (choose from {}){}", item, known, did_you_mean(item, names)));
    }
    if (std::find(formats.begin(), formats.end(), *format) == formats.end()) formats.push_back(*format);
    from = comma + 1;
  }
  return formats;
}

std::string_view file_name(Format format) {
  switch (format) {
    case Format::edl: return "shots.edl";
    case Format::otio: return "shots.otio";
    case Format::fcpxml: return "shots.fcpxml";
    case Format::eaf: return "annotations.eaf";
    case Format::srt: return "speech.srt";
    case Format::vtt: return "speech.vtt";
  }
  return "";
}

std::vector<Analysis> shown(Format format) {
  switch (format) {
    case Format::edl:
    case Format::otio:
    case Format::fcpxml: return {Analysis::shots};
    case Format::eaf: return {Analysis::shots, Analysis::dialogue};
    case Format::srt:
    case Format::vtt: return {Analysis::dialogue};
  }
  return {};
}

void check_shown(std::span<const Format> formats, std::span<const Analysis> analyses) {
  for (const Format format : formats) {
    const std::vector<Analysis> needs = shown(format);
    if (std::none_of(needs.begin(), needs.end(), [&](Analysis a) {
          return std::find(analyses.begin(), analyses.end(), a) != analyses.end();
        }))
      throw Error(ErrorKind::usage, fmt::format("--export {} shows the {} analysis, which --only leaves out", name(format),
                                                metrics::name(needs.front())));
  }
}

std::optional<std::string> lacking(Format format, const report::SavedReport& report) {
  std::string missing, why;
  for (const Analysis analysis : shown(format)) {
    if (report.has(analysis)) return std::nullopt;
    missing += fmt::format("{}{}", missing.empty() ? "" : " or ", holding(analysis));
    const std::optional<std::string> skipped = report.skipped_because(analysis);
    why += fmt::format("{}the {} analysis {}", why.empty() ? "" : "; ", metrics::name(analysis),
                       skipped ? fmt::format("was skipped: {}", *skipped) : std::string("was not asked for"));
  }
  return fmt::format("it has no {} ({})", missing, why);
}

std::string export_text(Format format, const Film& film, const ExportOptions& options) {
  switch (format) {
    case Format::edl: return edl(film);
    case Format::otio: return otio(film);
    case Format::fcpxml: return fcpxml(film);
    case Format::eaf: return eaf(film, options.created, options.written_in);
    case Format::srt: return srt(film);
    case Format::vtt: return vtt(film);
  }
  throw Error(ErrorKind::internal, "an export format without a writer");
}

std::vector<std::string> add_exports(report::Outputs& outputs, std::span<const Format> formats,
                                     const ExportOptions& options) {
  if (formats.empty()) return {};
  const report::SavedReport saved = report::SavedReport::of(outputs);
  const Film film = film_of(saved);
  std::vector<std::string> warnings;
  for (const Format format : formats) {
    if (const std::optional<std::string> missing = lacking(format, saved))
      warnings.push_back(fmt::format("{} export skipped: {}", name(format), *missing));
    else
      outputs.documents.emplace_back(file_name(format), export_text(format, film, options));
  }
  return warnings;
}

}  // namespace herlens::exports
