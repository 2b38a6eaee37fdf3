#include "herlens/exports/eaf.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "herlens/exports/xml.hpp"

namespace herlens::exports {

namespace {

struct Annotation {
  int64_t start, end;  // milliseconds
  std::string value;
};

struct Tier {
  std::string id;
  std::vector<Annotation> annotations;
};

// ELAN picks a player by MIME type; the generic video or audio type lets it try any.
std::string mime_type(const Film& film) {
  std::string extension = std::filesystem::path(film.input).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!film.timeline.picture) return extension == ".wav" ? "audio/x-wav" : "audio/*";
  if (extension == ".mp4" || extension == ".m4v") return "video/mp4";
  if (extension == ".mov") return "video/quicktime";
  if (extension == ".mpg" || extension == ".mpeg") return "video/mpeg";
  return "video/*";
}

std::vector<Tier> tiers_of(const Film& film) {
  std::vector<Tier> tiers;
  const auto ms = [](double seconds) { return report::milliseconds(seconds); };
  if (film.shots) {
    Tier shots{"shots", {}}, scale{"shot scale", {}}, colour{"colour", {}};
    for (size_t k = 0; k < film.shots->size(); ++k) {
      const ExportShot& shot = (*film.shots)[k];
      const int64_t start = ms(shot.shot.start_time), end = ms(shot.shot.end_time);
      shots.annotations.push_back({start, end, fmt::format("shot {}{}", k + 1, shot.shot.blank ? " (blank)" : "")});
      if (shot.shot.blank) continue;  // no scale or colours in a blank stretch
      if (shot.framing) scale.annotations.push_back({start, end, std::string(scale_label(shot.framing->scale))});
      if (shot.colours && !families_shown(*shot.colours).empty())
        colour.annotations.push_back({start, end, colour_text(*shot.colours)});
    }
    // Every shot has framing and colours, or none has (film_of joins whole tables).
    const bool framed = !film.shots->empty() && film.shots->front().framing;
    const bool coloured = !film.shots->empty() && film.shots->front().colours;
    tiers.push_back(std::move(shots));
    if (framed) tiers.push_back(std::move(scale));
    if (coloured) tiers.push_back(std::move(colour));
  }
  if (film.speech) {
    Tier speech{"speech", {}}, on_screen{"on screen", {}};
    for (size_t k = 0; k < film.speech->size(); ++k) {
      const report::SavedSpeech& segment = (*film.speech)[k];
      const int64_t start = ms(segment.segment.start), end = ms(segment.segment.end);
      speech.annotations.push_back({start, end, fmt::format("speech {}", k + 1)});
      if (segment.on_screen) on_screen.annotations.push_back({start, end, std::string(on_screen_label(segment.on_screen))});
    }
    tiers.push_back(std::move(speech));
    if (!on_screen.annotations.empty()) tiers.push_back(std::move(on_screen));
  }
  // An annotation needs some length: one rounded to nothing is left out.
  for (Tier& tier : tiers)
    std::erase_if(tier.annotations, [](const Annotation& a) { return a.end <= a.start; });
  return tiers;
}

}  // namespace

std::string eaf(const Film& film, std::string_view created, const std::filesystem::path& written_in) {
  const std::vector<Tier> tiers = tiers_of(film);
  // One time slot per distinct time, numbered in time order, shared by the tiers that meet there.
  std::map<int64_t, std::string> slots;
  for (const Tier& tier : tiers)
    for (const Annotation& a : tier.annotations) slots[a.start], slots[a.end];
  size_t slot_number = 1;
  for (auto& [time, id] : slots) id = fmt::format("ts{}", slot_number++);

  // ELAN looks for the film beside the document when the absolute link fails (a moved folder).
  const std::filesystem::path beside =
      written_in.empty() ? std::filesystem::path()
                         : std::filesystem::path(film.path).lexically_relative(std::filesystem::absolute(written_in));
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += fmt::format("<ANNOTATION_DOCUMENT AUTHOR=\"herlens\" DATE=\"{}\" FORMAT=\"3.0\" VERSION=\"3.0\" "
                   "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                   "xsi:noNamespaceSchemaLocation=\"http://www.mpi.nl/tools/elan/EAFv3.0.xsd\">\n",
                   xml_escape(created));
  x += "  <HEADER MEDIA_FILE=\"\" TIME_UNITS=\"milliseconds\">\n";
  x += fmt::format("    <MEDIA_DESCRIPTOR MEDIA_URL=\"{}\" MIME_TYPE=\"{}\"{}/>\n", xml_escape(media_url(film.path)),
                   mime_type(film),
                   beside.empty() ? "" : fmt::format(" RELATIVE_MEDIA_URL=\"{}\"", xml_escape(media_url(beside.string()))));
  size_t annotations = 0;
  for (const Tier& tier : tiers) annotations += tier.annotations.size();
  x += fmt::format("    <PROPERTY NAME=\"lastUsedAnnotationId\">{}</PROPERTY>\n  </HEADER>\n", annotations);
  x += "  <TIME_ORDER>\n";
  for (const auto& [time, id] : slots) x += fmt::format("    <TIME_SLOT TIME_SLOT_ID=\"{}\" TIME_VALUE=\"{}\"/>\n", id, time);
  x += "  </TIME_ORDER>\n";
  size_t annotation_number = 1;
  for (const Tier& tier : tiers) {
    x += fmt::format("  <TIER LINGUISTIC_TYPE_REF=\"herlens\" TIER_ID=\"{}\">\n", tier.id);
    for (const Annotation& a : tier.annotations)
      x += fmt::format("    <ANNOTATION>\n      <ALIGNABLE_ANNOTATION ANNOTATION_ID=\"a{}\" TIME_SLOT_REF1=\"{}\" "
                       "TIME_SLOT_REF2=\"{}\">\n        <ANNOTATION_VALUE>{}</ANNOTATION_VALUE>\n"
                       "      </ALIGNABLE_ANNOTATION>\n    </ANNOTATION>\n",
                       annotation_number++, slots.at(a.start), slots.at(a.end), xml_escape(a.value));
    x += "  </TIER>\n";
  }
  x += "  <LINGUISTIC_TYPE GRAPHIC_REFERENCES=\"false\" LINGUISTIC_TYPE_ID=\"herlens\" TIME_ALIGNABLE=\"true\"/>\n";
  x += "</ANNOTATION_DOCUMENT>\n";
  return x;
}

}  // namespace herlens::exports
