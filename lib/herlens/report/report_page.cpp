#include "herlens/report/report_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <optional>

#include "herlens/metrics/metric_catalog.hpp"
#include "herlens/report/dialogue_report.hpp"
#include "herlens/report/framing_report.hpp"
#include "herlens/report/palette_report.hpp"
#include "herlens/report/shots_report.hpp"
#include "herlens/report/svg.hpp"
#include "herlens/report/timecode.hpp"

namespace herlens::report {

namespace {

using metrics::Analysis;
using metrics::Family;
using metrics::ShotScale;

// ---- names and colours a reader sees ----------------------------------------------------------

std::string_view section_id(Analysis analysis) { return metrics::name(analysis); }

std::string_view scale_words(ShotScale scale) {
  switch (scale) {
    case ShotScale::ecu:
      return "extreme close-up";
    case ShotScale::cu:
      return "close-up";
    case ShotScale::mcu:
      return "medium close-up";
    case ShotScale::ms:
      return "medium shot";
    case ShotScale::mls:
      return "medium long shot";
    case ShotScale::ls:
      return "long shot";
    case ShotScale::els:
      return "extreme long shot";
    case ShotScale::none:
      return "no face seen";
  }
  return "";
}

// Tight scales warm, wide ones cool, no face grey: close-ups stand out on the timeline.
std::string scale_colour(ShotScale scale) {
  switch (scale) {
    case ShotScale::ecu:
      return "#7b1f3a";
    case ShotScale::cu:
      return "#c0392b";
    case ShotScale::mcu:
      return "#e67e22";
    case ShotScale::ms:
      return "#e9c46a";
    case ShotScale::mls:
      return "#8ab17d";
    case ShotScale::ls:
      return "#3f88c5";
    case ShotScale::els:
      return "#1d3f72";
    case ShotScale::none:
      return "#b9b4aa";
  }
  return "#b9b4aa";
}

std::string family_words(Family family) {
  std::string words(metrics::name(family));
  std::replace(words.begin(), words.end(), '_', '/');
  return words;
}

// Chromatic families first, most present first, then black, grey and white: where the colour is
// leads.
std::vector<Family> families_to_show(const metrics::ColourSummary& colour) {
  std::vector<Family> chromatic, achromatic;
  for (const Family family : metrics::all_families)
    (metrics::is_chromatic(family) ? chromatic : achromatic).push_back(family);
  std::stable_sort(chromatic.begin(), chromatic.end(), [&colour](Family a, Family b) {
    return colour.families[size_t(a)].pixel > colour.families[size_t(b)].pixel;
  });
  chromatic.insert(chromatic.end(), achromatic.begin(), achromatic.end());
  return chromatic;
}

std::string family_colour(Family family) {
  switch (family) {
    case Family::pink:
      return "#f08cb4";
    case Family::red:
      return "#d0312d";
    case Family::orange_brown:
      return "#b8662a";
    case Family::yellow:
      return "#e8c132";
    case Family::green:
      return "#3f9b4b";
    case Family::cyan_teal:
      return "#1fa3a3";
    case Family::blue:
      return "#2d5bd3";
    case Family::purple_magenta:
      return "#9146c4";
    case Family::black:
      return "#141414";
    case Family::grey:
      return "#8c8c8c";
    case Family::white:
      return "#ececec";
  }
  return "#8c8c8c";
}

constexpr const char* shot_colour = "#8d8678";  // a shot when no scale is known
constexpr const char* blank_colour = "#222";    // black stretches between shots

// ---- times ------------------------------------------------------------------------------------

// How the page writes times: HH:MM:SS.mmm everywhere, and in tables the frame and its SMPTE
// timecode when the film has pictures.
class Clock {
 public:
  explicit Clock(const metrics::FilmSummary& summary) {
    const metrics::StreamTiming& timing = summary.timing;
    if (timing.video_frames > 0) {
      const double span = timing.end_time - timing.first_time;
      rate_ = timecode_rate(summary.clock.frame_rate, timing.variable_frame_rate(),
                            span > 0 ? double(timing.video_frames) / span : 0);
    }
  }
  std::string at(double seconds) const { return timecode(seconds); }
  bool frames() const { return rate_.has_value(); }
  int64_t frame(double seconds) const { return frame_at(seconds, *rate_); }
  std::string smpte_at(double seconds) const { return smpte(frame(seconds), *rate_); }
  std::string rate_text() const {
    return rate_->den == 1 ? fmt::format("{} fps", rate_->num)
                           : fmt::format("{:.3f} fps", rate_->fps());
  }

 private:
  std::optional<FrameRate> rate_;
};

// A length: seconds below a minute ("6.7 s"), a clock time above ("00:02:05.3").
std::string length_text(double seconds) {
  if (seconds < 60) return fmt::format("{:.1f} s", seconds);
  return timecode(seconds).substr(0, 10);
}

std::string value_text(double value, std::string_view unit) {
  if (unit == "fraction") return fmt::format("{:.1f}%", value * 100);
  if (unit == "count") return fmt::format("{:.0f}", value);
  if (unit == "seconds") return length_text(value);
  if (unit == "minutes") return length_text(value * 60);
  if (unit == "per minute") return fmt::format("{:.1f} a minute", value);
  return fmt::format("{:.1f} {}", value, unit);
}

std::string escaped(const std::string& text) { return html_escape(text); }

std::string link(const std::string& target, const std::string& text) {
  return fmt::format("<a href=\"{}\">{}</a>", escaped(target), escaped(text));
}

std::string shot_anchor(size_t number) { return fmt::format("shot-{}", number); }
std::string shot_target(size_t number) { return fmt::format("#shot-{}", number); }

// ---- the film's shots, with what each analysis says of them -----------------------------------

// The index of the shot of `shots` starting at `start` (analyses list the same shots, some
// leaving out the black stretches).
std::optional<size_t> shot_starting(const std::vector<metrics::Shot>& shots, double start) {
  const int64_t k = metrics::shot_at(shots, start + 1e-7);
  if (k >= 0 && std::abs(shots[size_t(k)].start_time - start) < 1e-6) return size_t(k);
  return std::nullopt;
}

struct ShotRow {
  metrics::Shot shot;
  size_t number = 0;                              // from 1, as shots.csv numbers them
  const std::vector<uint8_t>* picture = nullptr;  // JPEG kept by the shot detector
  std::optional<metrics::ShotFraming> framing;
  const metrics::ShotColour* colour = nullptr;
  std::optional<double> speech, voice_only;  // seconds heard within the shot
};

std::vector<ShotRow> shot_rows(const metrics::FilmSummary& summary) {
  std::vector<ShotRow> rows;
  if (!summary.shots) return rows;
  const metrics::ShotsSection& shots = *summary.shots;
  std::vector<metrics::TimeInterval> speech;
  if (summary.dialogue) speech = metrics::to_intervals(summary.dialogue->segments);
  std::vector<metrics::Shot> colour_shots;
  if (summary.palette)
    for (const metrics::ShotColour& c : summary.palette->shots) colour_shots.push_back(c.shot);
  for (size_t k = 0; k < shots.detection.shots.size(); ++k) {
    ShotRow row;
    row.shot = shots.detection.shots[k];
    row.number = k + 1;
    // The kept picture nearest the shot's middle: its first frame after a boundary, or its last
    // before the next.
    const double middle = double(row.shot.start_frame + row.shot.end_frame) / 2;
    double nearest = 0;
    for (auto it = shots.boundary_pictures.lower_bound(row.shot.start_frame);
         it != shots.boundary_pictures.end() && it->first < row.shot.end_frame; ++it)
      if (!row.picture || std::abs(double(it->first) - middle) < nearest)
        row.picture = &it->second, nearest = std::abs(double(it->first) - middle);
    if (summary.framing)
      if (const auto f = shot_starting(summary.framing->shots, row.shot.start_time))
        row.framing = summary.framing->per_shot[*f];
    if (summary.palette)
      if (const auto c = shot_starting(colour_shots, row.shot.start_time))
        row.colour = &summary.palette->shots[*c];
    if (summary.dialogue) {
      row.speech = metrics::covered_seconds(row.shot.start_time, row.shot.end_time, speech);
      if (summary.dialogue->picture)
        row.voice_only = metrics::covered_seconds(row.shot.start_time, row.shot.end_time,
                                                  summary.dialogue->voice_only);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string thumbnail(const ShotRow& row) {
  return row.picture ? jpeg_image(*row.picture, fmt::format("shot {}", row.number), "thumb") : "";
}

std::string swatches(const std::vector<metrics::PaletteColour>& palette, size_t most) {
  std::string out;
  for (size_t i = 0; i < std::min(most, palette.size()); ++i) {
    const std::string hex = metrics::hex(palette[i].rgb);
    out += fmt::format("<span class=swatch style=\"background:{}\" title=\"{} {:.0f}%\"></span>",
                       hex, hex, palette[i].share * 100);
  }
  return out;
}

// ---- speech on the timeline -------------------------------------------------------------------

// A stretch of speech and what the picture showed meanwhile: the category colours the speech lane.
struct SpeechPiece {
  double start = 0, end = 0;
  std::string category;
};

struct SpeechCategory {
  std::string colour;
  std::string label;
};

// The categories a speech segment is split into, in the order the legend lists them.
const std::map<std::string, SpeechCategory>& speech_categories() {
  static const std::map<std::string, SpeechCategory> categories{
      {"speaker_visible", {"#00838f", "speech, a speaking face on screen"}},
      {"listener", {"#f48fb1", "voice only: over a listener's face"}},
      {"no_face", {"#d81b60", "voice only: no face on screen"}},
      {"over_black", {"#5e35b1", "voice only: over black"}},
      {"picture", {"#95a5a6", "speech (faces not looked for)"}},
      {"no_picture", {"#c5b3e6", "speech after the last picture"}},
      {"speech", {"#5d6d7e", "speech (no picture)"}}};
  return categories;
}

// Each speech segment cut where what the picture shows changes (the dialogue section's pieces),
// so the lane shows where the voice is heard without its speaker.
std::vector<SpeechPiece> speech_pieces(const metrics::DialogueSection& dialogue) {
  std::vector<SpeechPiece> pieces;
  if (!dialogue.picture) {
    for (const metrics::SpeechSegment& segment : dialogue.segments) pieces.push_back({segment.start, segment.end, "speech"});
    return pieces;
  }
  for (const metrics::SpeechPiece& piece : dialogue.pieces)
    pieces.push_back({piece.start, piece.end, std::string(metrics::name(piece.state))});
  return pieces;
}

// ---- sections ---------------------------------------------------------------------------------

std::vector<Figure> figures_of(const metrics::FilmSummary& summary,
                               std::optional<Analysis> analysis) {
  std::vector<Figure> figures;
  for (const metrics::MetricDefinition& metric : metrics::metric_catalog()) {
    if (metric.analysis != analysis) continue;
    const std::optional<double> value = metric.value(summary);
    if (!value) continue;
    figures.push_back({readable_metric_name(metric.name), value_text(*value, metric.unit),
                       metric.definition, metric.name});
  }
  return figures;
}

std::string timeline(const metrics::FilmSummary& summary, const Outputs& outputs,
                     const std::vector<ShotRow>& rows, const Clock& clock) {
  const double duration = summary.runtime_seconds();
  if (duration <= 0) return "";
  std::vector<Lane> lanes;
  std::vector<LegendEntry> legend;
  if (!rows.empty()) {
    Lane shots{"Shots", {}, ""};
    std::vector<bool> scales_seen(metrics::all_shot_scales.size(), false);
    for (const ShotRow& row : rows) {
      std::string colour = row.shot.blank ? blank_colour : shot_colour;
      std::string scale = row.shot.blank ? ", blank (black or white)" : "";
      if (row.framing && !row.shot.blank) {
        colour = scale_colour(row.framing->scale);
        scales_seen[size_t(row.framing->scale)] = true;
        scale = fmt::format(", {} ({})", metrics::name(row.framing->scale),
                            scale_words(row.framing->scale));
      }
      // A hair of background between shots, so cuts show.
      const double gap = std::min(row.shot.duration() * 0.2, duration / 1500);
      shots.spans.push_back(
          {row.shot.start_time, row.shot.end_time - gap, colour,
           fmt::format("shot {}: {} to {}, {:.1f} s{}", row.number, clock.at(row.shot.start_time),
                       clock.at(row.shot.end_time), row.shot.duration(), scale),
           shot_target(row.number)});
    }
    lanes.push_back(std::move(shots));
    if (summary.framing) {
      for (const ShotScale scale : metrics::all_shot_scales)
        if (scales_seen[size_t(scale)])
          legend.push_back({scale_colour(scale),
                            fmt::format("{}: {}", metrics::name(scale), scale_words(scale))});
    } else {
      legend.push_back({shot_colour, "shot"});
    }
  }
  if (summary.palette && outputs.has_picture("barcode")) lanes.push_back({"Colour", {}, "barcode.png"});
  if (summary.framing) {
    Lane faces{"Faces seen", {}, ""};
    const auto& samples = summary.framing->faces.samples;
    for (size_t i = 0; i < samples.size(); ++i) {
      if (samples[i].faces.empty()) continue;
      const double end = i + 1 < samples.size() ? std::min(samples[i + 1].time, samples[i].time + 2)
                                                : samples[i].time + 1;
      faces.spans.push_back(
          {samples[i].time, end, "#2e8b57",
           fmt::format("{} face{} at {}", samples[i].faces.size(),
                       samples[i].faces.size() == 1 ? "" : "s", clock.at(samples[i].time)),
           ""});
    }
    if (!faces.spans.empty()) legend.push_back({"#2e8b57", "a face found (sampled frames)"});
    lanes.push_back(std::move(faces));
  }
  if (summary.dialogue) {
    Lane speech{"Speech", {}, ""};
    std::map<std::string, bool> used;
    for (const SpeechPiece& piece : speech_pieces(*summary.dialogue)) {
      const SpeechCategory& category = speech_categories().at(piece.category);
      used[piece.category] = true;
      speech.spans.push_back(
          {piece.start, piece.end, category.colour,
           fmt::format("{} to {}: {}", clock.at(piece.start), clock.at(piece.end), category.label),
           ""});
    }
    lanes.push_back(std::move(speech));
    for (const auto& [key, category] : speech_categories())
      if (used.count(key)) legend.push_back({category.colour, category.label});
  }
  Lane black{"Black", {}, ""};
  std::string black_words = "black picture";
  if (summary.dialogue && summary.dialogue->picture) {
    for (const metrics::PictureSpan& span : summary.dialogue->picture->spans)
      if (span.state == metrics::PictureState::black)
        black.spans.push_back(
            {span.start, span.end, blank_colour,
             fmt::format("black from {} to {}", clock.at(span.start), clock.at(span.end)), ""});
  } else {
    // Without the dialogue analysis' picture levels, the shots' blank stretches: black, or white.
    black_words = "blank picture (black or white)";
    black.name = "Blank";
    for (const ShotRow& row : rows)
      if (row.shot.blank)
        black.spans.push_back({row.shot.start_time, row.shot.end_time, blank_colour,
                               fmt::format("blank from {} to {}", clock.at(row.shot.start_time),
                                           clock.at(row.shot.end_time)),
                               ""});
  }
  if (summary.dialogue || !rows.empty()) {
    lanes.push_back(std::move(black));
    legend.push_back({blank_colour, black_words});
  }
  return figure_block("The film at a glance",
                      fmt::format(" Time runs left to right (HH:MM:SS), {} in all. Shots are "
                                  "coloured by their scale (closest framing "
                                  "warmest; grey: no face seen) and link to the shot table; the "
                                  "colour lane is the film's average "
                                  "colour moment by moment; speech is coloured by what the picture "
                                  "shows while it is heard. Hover "
                                  "over anything for its times.",
                                  clock.at(duration)),
                      timeline_svg(lanes, duration, legend), "timeline");
}

HtmlSection shots_section(const metrics::FilmSummary& summary, const Outputs& outputs,
                          const std::vector<ShotRow>& rows, const Clock& clock) {
  const metrics::ShotsSection& section = *summary.shots;
  HtmlSection html;
  html.id = std::string(section_id(Analysis::shots));
  html.heading = "Shots";
  html.explanation = fmt::format(
      "Every shot from its first to its last frame, {}. Black stretches between shots are listed "
      "but left out of the "
      "statistics.",
      summary.provenance.shot_list
          ? fmt::format("as listed in {} (given with --shots, not detected)",
                        summary.provenance.shot_list->path)
          : "found from picture changes: hard cuts, dissolves and fades to or from black");
  html.figures = figures_of(summary, Analysis::shots);

  std::vector<ShotBar> bars;
  std::vector<double> lengths;
  std::vector<bool> marked(rows.size(), false);
  for (const size_t k : section.longest_takes) marked[k] = true;
  std::vector<bool> scales_seen(metrics::all_shot_scales.size(), false);
  for (size_t k = 0; k < rows.size(); ++k) {
    const ShotRow& row = rows[k];
    if (row.shot.blank) continue;
    std::string colour = shot_colour;
    if (row.framing)
      colour = scale_colour(row.framing->scale), scales_seen[size_t(row.framing->scale)] = true;
    bars.push_back({int(row.number), row.shot.start_time, row.shot.duration(), colour, marked[k],
                    shot_target(row.number)});
    lengths.push_back(row.shot.duration());
  }
  std::vector<LegendEntry> legend;
  for (const ShotScale scale : metrics::all_shot_scales)
    if (scales_seen[size_t(scale)])
      legend.push_back({scale_colour(scale), std::string(metrics::name(scale))});
  if (legend.empty()) legend.push_back({shot_colour, "shot"});
  // Cinemetrics smooths over about a tenth of the film's shots; at least 3, odd so it is centred.
  const int window = std::max(3, int(bars.size() / 10) | 1);
  if (!bars.empty()) {
    html.blocks.push_back(figure_block(
        "Shot lengths through the film",
        fmt::format(" Each bar is one shot: its length in seconds (up) where it starts in the film "
                    "(across), coloured "
                    "by scale; the dashed dark line is the mean length of the {} shots around "
                    "each, as in Cinemetrics. "
                    "Circled: the {} longest takes.",
                    window, section.longest_takes.size()),
        shot_length_svg(bars, summary.runtime_seconds(), window, legend), "shot-lengths"));
    html.blocks.push_back(figure_block(
        "How long the shots last",
        " How many shots (up) last how many seconds (across); a dashed line marks the mean (ASL), "
        "a solid one the median (MSL).",
        shot_histogram_svg(lengths, section.stats.asl_seconds, section.stats.msl_seconds),
        "shot-histogram"));
  }

  if (!section.longest_takes.empty()) {
    HtmlTable takes{"",
                    {"Rank", "Picture", "Shot", "From", "To", "Length"},
                    {true, false, true, true, true, true},
                    {},
                    {}};
    if (clock.frames()) {
      takes.headers.insert(takes.headers.begin() + 5, {"Frames", "SMPTE"});
      takes.numeric.insert(takes.numeric.begin() + 5, {true, true});
    }
    for (size_t i = 0; i < section.longest_takes.size(); ++i) {
      const ShotRow& row = rows[section.longest_takes[i]];
      std::vector<std::string> cells{std::to_string(i + 1), thumbnail(row),
                                     link(shot_target(row.number), std::to_string(row.number)),
                                     escaped(clock.at(row.shot.start_time)),
                                     escaped(clock.at(row.shot.end_time))};
      if (clock.frames())
        cells.insert(cells.end(),
                     {fmt::format("{}–{}", row.shot.start_frame, row.shot.end_frame - 1),
                      escaped(clock.smpte_at(row.shot.start_time))});
      cells.push_back(escaped(fmt::format("{:.2f} s", row.shot.duration())));
      takes.rows.push_back(std::move(cells));
    }
    html.blocks.push_back(heading_block("The longest takes", "longest-takes"));
    html.blocks.push_back(table_block(takes));
  }

  HtmlTable table{"", {"Shot", "Picture", "Start", "Length"}, {true, false, true, true}, {}, {}};
  if (clock.frames()) {
    table.headers.insert(table.headers.begin() + 3, {"Frame", "SMPTE"});
    table.numeric.insert(table.numeric.begin() + 3, {true, true});
  }
  const bool framing = summary.framing.has_value(), colour = summary.palette.has_value(),
             dialogue = summary.dialogue.has_value(),
             voice = dialogue && summary.dialogue->picture.has_value();
  if (framing)
    table.headers.insert(table.headers.end(), {"Scale", "Faces"}),
        table.numeric.insert(table.numeric.end(), {false, true});
  if (colour) table.headers.push_back("Dominant colours"), table.numeric.push_back(false);
  if (dialogue) table.headers.push_back("Speech (s)"), table.numeric.push_back(true);
  if (voice) table.headers.push_back("Voice only (s)"), table.numeric.push_back(true);
  for (const ShotRow& row : rows) {
    std::vector<std::string> cells{std::to_string(row.number), thumbnail(row),
                                   escaped(clock.at(row.shot.start_time))};
    if (clock.frames())
      cells.insert(cells.end(), {std::to_string(row.shot.start_frame),
                                 escaped(clock.smpte_at(row.shot.start_time))});
    cells.push_back(escaped(row.shot.blank ? fmt::format("{:.2f} s (black)", row.shot.duration())
                                           : fmt::format("{:.2f} s", row.shot.duration())));
    if (framing) {
      if (row.framing)
        cells.insert(cells.end(),
                     {fmt::format("<span class=swatch style=\"background:{}\"></span>{}",
                                  scale_colour(row.framing->scale),
                                  escaped(std::string(metrics::name(row.framing->scale)))),
                      std::to_string(row.framing->max_faces)});
      else
        cells.insert(cells.end(), {"", ""});
    }
    if (colour) cells.push_back(row.colour ? swatches(row.colour->palette, 4) : "");
    if (dialogue) cells.push_back(row.speech ? fmt::format("{:.1f}", *row.speech) : "");
    if (voice) cells.push_back(row.voice_only ? fmt::format("{:.1f}", *row.voice_only) : "");
    table.rows.push_back(std::move(cells));
    table.row_ids.push_back(shot_anchor(row.number));
  }
  html.blocks.push_back(heading_block("Every shot", "shot-table"));
  html.blocks.push_back(paragraph_block(fmt::format(
      "One row per shot, with a picture of it kept while the film was analysed. Start is "
      "HH:MM:SS.mmm{}; lengths in "
      "seconds{}.",
      clock.frames() ? fmt::format(", with its frame number (from 0) and SMPTE timecode at {}",
                                   clock.rate_text())
                     : "",
      dialogue ? "; speech and voice only: seconds heard within the shot" : "")));
  html.blocks.push_back(table_block(table));

  for (const AnalysisOutputs& analysis : outputs.analyses)
    for (const Picture& picture : analysis.pictures)
      if (picture.name.starts_with("boundaries-")) {
        const size_t page = std::stoul(picture.name.substr(11));
        const size_t first = (page - 1) * boundaries_per_page + 1;
        const size_t last =
            std::min(section.detection.transitions.size(), page * boundaries_per_page);
        html.blocks.push_back(figure_block(fmt::format("Boundaries {} to {}", first, last),
                                           " Each strip is one shot boundary: the last frame "
                                           "before it, the middle of a dissolve or fade, the first "
                                           "frame after it; captioned with its number, kind, time "
                                           "(HH:MM:SS.mmm), frame and the detector's confidence.",
                                           file_image(picture.name + ".png", picture.name), picture.name));
      }
  return html;
}

HtmlSection palette_section(const metrics::FilmSummary& summary, const Outputs& outputs,
                            const std::vector<ShotRow>& rows, const Clock& clock) {
  const metrics::ColourSummary& colour = *summary.palette;
  HtmlSection html;
  html.id = std::string(section_id(Analysis::palette));
  html.heading = "Colour";
  html.explanation =
      "Colours measured in CIE L*a*b* on the active picture (letterbox bars excluded). A family's "
      "share is the "
      "fraction of all analysed pixels in it; warm is pink, red, orange/brown and yellow; pastel "
      "pixels are light "
      "(L* >= 70) and soft (10 <= C* < 35).";
  // Each family's share is in the chart below, under its metric name; blue, the one claims ask
  // about most, stays a figure too.
  for (Figure& figure : figures_of(summary, Analysis::palette))
    if (figure.name == "blue_share" || !figure.name.ends_with("_share") ||
        figure.name == "warm_share" || figure.name == "cool_share" || figure.name == "pastel_share")
      html.figures.push_back(std::move(figure));
  if (outputs.has_picture("barcode"))
    html.blocks.push_back(figure_block(
        "Colour barcode",
        " The film's average colour moment by moment, left to right (HH:MM:SS); a slice never "
        "mixes two shots.",
        image_with_time_axis_svg("barcode.png", summary.runtime_seconds(), 120), "barcode"));
  if (outputs.has_picture("palette")) {
    std::string caption = " The film's main colours, each as wide as its share of the pixels:";
    for (const metrics::PaletteColour& c : colour.palette)
      caption += fmt::format(" {} {:.0f}%,", metrics::hex(c.rgb), c.share * 100);
    caption.back() = '.';
    html.blocks.push_back(
        figure_block("Palette", caption, file_image("palette.png", "palette swatch"), "palette-swatch"));
  }
  std::vector<HBar> shares;
  for (const Family family : families_to_show(colour)) {
    const metrics::FamilyShares& s = colour.families[size_t(family)];
    shares.push_back({fmt::format("{} ({}_share)", family_words(family), metrics::name(family)),
                      s.pixel * 100, fmt::format("{:.1f}%", s.pixel * 100), family_colour(family),
                      fmt::format("{}: {:.1f}% of the pixels, in {:.0f}% of the shots",
                                  family_words(family), s.pixel * 100, s.shot * 100)});
  }
  html.blocks.push_back(
      figure_block("Colour families",
                   " The share of all analysed pixels (percent) in each colour family, the metric "
                   "claims use in brackets: the "
                   "hues, most present first, then black, grey and white, which have none.",
                   bar_chart_svg(shares, "percent of the pixels"), "families"));

  // Evidence: per family, the frames where it is strongest.
  std::map<Family, std::vector<const metrics::Evidence*>> by_family;
  for (const metrics::Evidence& e : colour.evidence) by_family[e.family].push_back(&e);
  if (!by_family.empty()) {
    html.blocks.push_back(heading_block("Where each colour is", "evidence"));
    html.blocks.push_back(
        paragraph_block("For each colour family, the frames where it covers most of the picture, "
                        "strongest first: time "
                        "(HH:MM:SS.mmm), shot and the family's share of that frame. Click a shot "
                        "number for its row in the shot "
                        "table."));
  }
  std::string groups;
  for (const Family family : families_to_show(colour)) {
    const auto found = by_family.find(family);
    if (found == by_family.end()) continue;
    std::string tiles = "<div class=tiles>";
    for (const metrics::Evidence* e : found->second) {
      std::string shot_text = fmt::format("shot {}", e->shot + 1);
      if (e->shot < colour.shots.size())
        for (const ShotRow& row : rows)
          if (std::abs(row.shot.start_time - colour.shots[e->shot].shot.start_time) < 1e-6)
            shot_text = link(shot_target(row.number), fmt::format("shot {}", row.number));
      tiles += fmt::format(
          "<div class=tile>{}{} · {} · {:.0f}% {}</div>",
          file_image(evidence_name(*e) + ".png", fmt::format("{} at {}", family_words(family), clock.at(e->time))),
          escaped(clock.at(e->time)), shot_text, e->share * 100, escaped(family_words(family)));
    }
    tiles += "</div>";
    const metrics::FamilyShares& s = colour.families[size_t(family)];
    groups += figure_block(
        fmt::format("{} · {:.1f}% of the pixels", family_words(family), s.pixel * 100),
        fmt::format(" Present (10% of a shot's pixels or more) in {:.0f}% of the shots, {:.0f}% of "
                    "the time.",
                    s.shot * 100, s.time * 100),
        fmt::format("<span class=swatch style=\"background:{}\"></span>", family_colour(family)) +
            tiles,
        fmt::format("colour-{}", metrics::name(family)));
  }
  if (!groups.empty()) html.blocks.push_back("<div class=groups>" + groups + "</div>\n");
  return html;
}

HtmlSection framing_section(const metrics::FilmSummary& summary, const Outputs& outputs) {
  const metrics::FramingSection& framing = *summary.framing;
  HtmlSection html;
  html.id = std::string(section_id(Analysis::framing));
  html.heading = "Framing";
  html.explanation =
      "Faces found by a trained detector (BlazeFace) on frames sampled in every shot. A shot's "
      "scale comes from the "
      "height of its largest face relative to the active picture: ECU, CU, MCU, MS, MLS, LS, ELS, "
      "or none when no "
      "face is seen.";
  html.figures = figures_of(summary, Analysis::framing);
  const metrics::FramingSummary& s = framing.summary;
  std::vector<HBar> by_time;
  for (const ShotScale scale : metrics::all_shot_scales) {
    const auto c = size_t(scale);
    const double share = s.total_seconds > 0 ? s.seconds_by_scale[c] / s.total_seconds : 0;
    by_time.push_back({fmt::format("{}: {}", metrics::name(scale), scale_words(scale)), share * 100,
                       fmt::format("{:.1f}% · {} shot{}", share * 100, s.shots_by_scale[c],
                                   s.shots_by_scale[c] == 1 ? "" : "s"),
                       scale_colour(scale), ""});
  }
  html.blocks.push_back(figure_block("Shot scales",
                                     " The share of screen time (percent) in shots of each scale, "
                                     "tightest first, and how many shots that is.",
                                     bar_chart_svg(by_time, "percent of the screen time"),
                                     "scales"));
  for (const ShotScale scale : metrics::all_shot_scales) {
    const std::string name = contact_sheet_name(scale);
    if (!outputs.has_picture(name)) continue;
    const auto c = size_t(scale);
    html.blocks.push_back(figure_block(fmt::format("{}: {}", metrics::name(scale), scale_words(scale)),
                                       fmt::format(" {} shot{}, {} of screen time. A frame from each (up to "
                                                   "{}), faces boxed in green, labelled with "
                                                   "the shot number, the frame's time in seconds and the "
                                                   "face's height as a share of the picture.",
                                                   s.shots_by_scale[c], s.shots_by_scale[c] == 1 ? "" : "s",
                                                   length_text(s.seconds_by_scale[c]),
                                                   FramingReportOptions{}.contact_sheet_shots),
                                       file_image(name + ".png", name), name));
  }
  return html;
}

// A table of the run's outputs as the page shows it: every time column also as HH:MM:SS.mmm.
std::string time_table(const Table& table, const Clock& clock, size_t most_rows) {
  HtmlTable html{table.name + ".csv", {}, {}, {}, {}};
  std::vector<bool> is_time;
  for (const Column& column : table.columns) {
    const bool time = column.name == "start" || column.name == "end" ||
                      column.name.ends_with("_time") || column.name == "time";
    is_time.push_back(time);
    html.headers.push_back(time ? column.name + " (HH:MM:SS.mmm)" : column.name);
  }
  for (size_t r = 0; r < std::min(most_rows, table.rows.size()); ++r) {
    std::vector<std::string> cells;
    for (size_t c = 0; c < table.rows[r].size(); ++c) {
      const Cell& cell = table.rows[r][c];
      cells.push_back(is_time[c] && std::holds_alternative<double>(cell)
                          ? escaped(clock.at(std::get<double>(cell)))
                          : escaped(format_cell(cell, table.columns[c].decimals)));
    }
    html.rows.push_back(std::move(cells));
  }
  for (size_t c = 0; c < table.columns.size(); ++c)
    html.numeric.push_back(!table.rows.empty() &&
                           (std::holds_alternative<double>(table.rows[0][c]) ||
                            std::holds_alternative<int64_t>(table.rows[0][c])));
  std::string out = table_block(html);
  if (most_rows < table.rows.size())
    out += paragraph_block(
        fmt::format("{} more rows in {}.csv", table.rows.size() - most_rows, table.name));
  return out;
}

HtmlSection dialogue_section(const metrics::FilmSummary& summary, const Outputs& outputs,
                             const Clock& clock) {
  HtmlSection html;
  html.id = std::string(section_id(Analysis::dialogue));
  html.heading = "Dialogue";
  html.explanation =
      "Speech found in the soundtrack by a trained voice detector (Silero VAD), on the centre "
      "channel of surround "
      "mixes. Voice-only dialogue is speech heard while no face on screen speaks: over a black "
      "picture, over shots without a detected face, or over a listener (faces whose mouths, read by "
      "FaceMesh, stay still while the voice speaks). The speech lane of the timeline above shows where.";
  html.figures = figures_of(summary, Analysis::dialogue);
  if (outputs.has_picture("listeners"))
    html.blocks.push_back(figure_block(
        "Listening while a voice speaks",
        fmt::format(" Up to {} pictures, evenly through the film, of faces whose mouths stayed still "
                    "while speech was heard (voice-only dialogue over a listener), faces boxed in green, "
                    "labelled with the picture's time in seconds.",
                    listener_strip_pictures),
        file_image("listeners.png", "listeners while a voice speaks"), "listeners"));
  for (const AnalysisOutputs& analysis : outputs.analyses)
    if (analysis.analysis == Analysis::dialogue && !analysis.tables.empty())
      html.blocks.push_back(time_table(analysis.tables.front(), clock, 200));
  return html;
}

// Where a claim's evidence is on the page: the colour family's frames, or the section of the
// analysis that measured its first metric.
std::string evidence_target(const claims::Verdict& verdict) {
  const claims::Operand first = verdict.claim.metrics().front();
  for (const Family family : metrics::all_families)
    if (first.metric == fmt::format("{}_share", metrics::name(family)))
      return fmt::format("#colour-{}", metrics::name(family));
  const metrics::MetricDefinition* metric = metrics::find_metric(first.metric);
  return metric && metric->analysis ? fmt::format("#{}", section_id(*metric->analysis))
                                    : "#timeline";
}

HtmlSection claims_section(const std::vector<claims::Verdict>& verdicts) {
  HtmlSection html;
  html.id = "claims";
  html.heading = "Claims";
  const auto held =
      std::count_if(verdicts.begin(), verdicts.end(), [](const auto& v) { return v.holds; });
  html.explanation = fmt::format(
      "{} of {} claims hold for this film, as herlens check judges them.", held, verdicts.size());
  HtmlTable table{"",
                  {"Verdict", "Claim", "Measured", "Said", "Evidence"},
                  {false, false, true, false, false},
                  {},
                  {}};
  for (const claims::Verdict& v : verdicts) {
    std::string measured;
    for (const auto& [key, value] : v.values) {
      const claims::Operand operand = [&] {
        for (const claims::Operand& o : v.claim.metrics())
          if (o.key() == key) return o;
        return claims::Operand{};
      }();
      const metrics::MetricDefinition* metric = metrics::find_metric(operand.metric);
      measured +=
          fmt::format("{}{} {}", measured.empty() ? "" : "; ", key,
                      metric ? value_text(value, metric->unit) : fmt::format("{:.4g}", value));
    }
    table.rows.push_back(
        {v.holds ? "<span class=holds>holds</span>" : "<span class=fails>fails</span>",
         "<code>" + escaped(v.claim.text) + "</code>", escaped(measured),
         escaped(v.claim.description), link(evidence_target(v), "see")});
  }
  html.blocks.push_back(table_block(table));
  return html;
}

}  // namespace

std::string readable_metric_name(std::string_view name) {
  static const std::map<std::string_view, std::string_view> names{
      {"runtime_minutes", "Running time"},
      {"shot_count", "Shots"},
      {"asl_seconds", "Average shot length (ASL)"},
      {"msl_seconds", "Median shot length (MSL)"},
      {"shot_length_stdev_seconds", "Spread of shot lengths (SD)"},
      {"shortest_shot_seconds", "Shortest shot"},
      {"longest_shot_seconds", "Longest take"},
      {"long_take_count", "Long takes (20 s or more)"},
      {"cuts_per_minute", "Cutting rate"},
      {"cut_count", "Hard cuts"},
      {"dissolve_count", "Dissolves"},
      {"fade_in_count", "Fades in"},
      {"fade_out_count", "Fades out"},
      {"warm_share", "Warm colours"},
      {"cool_share", "Cool colours"},
      {"pastel_share", "Pastel colours"},
      {"mean_lightness", "Mean lightness (L*)"},
      {"mean_chroma", "Mean colourfulness (C*)"},
      {"closeup_ratio", "Close-ups, by shots"},
      {"closeup_time_ratio", "Close-ups, by screen time"},
      {"mcu_or_tighter_ratio", "MCU or closer, by shots"},
      {"mcu_or_tighter_time_ratio", "MCU or closer, by screen time"},
      {"face_shot_ratio", "Shots with a face"},
      {"face_shot_time_ratio", "Screen time with a face"},
      {"wide_shot_ratio", "Wide shots (LS, ELS), by shots"},
      {"wide_shot_time_ratio", "Wide shots, by screen time"},
      {"dialogue_minutes", "Speech"},
      {"dialogue_share", "Share of the film with speech"},
      {"voice_only_minutes", "Voice only (no face on screen)"},
      {"voice_only_share", "Voice-only share of the speech"},
      {"voice_over_black_minutes", "Voice over black"},
      {"longest_voice_only_seconds", "Longest voice-only stretch"},
      {"speech_segment_count", "Speech segments"}};
  if (const auto found = names.find(name); found != names.end()) return std::string(found->second);
  for (const Family family : metrics::all_families)
    if (name == fmt::format("{}_share", metrics::name(family))) {
      std::string words = family_words(family);
      words[0] = char(std::toupper(static_cast<unsigned char>(words[0])));
      return words + " pixels";
    }
  // A metric added without a name here: its own words.
  std::string words(name);
  std::replace(words.begin(), words.end(), '_', ' ');
  if (!words.empty()) words[0] = char(std::toupper(static_cast<unsigned char>(words[0])));
  return words;
}

HtmlPage report_page(const metrics::FilmSummary& summary, const Outputs& outputs,
                     const std::vector<claims::Verdict>& verdicts) {
  const Clock clock(summary);
  const std::vector<ShotRow> rows = shot_rows(summary);
  HtmlPage page;
  page.contents = true;
  page.title = "herlens report: " + std::filesystem::path(summary.input).filename().string();
  page.subtitle = fmt::format("{} · {} long · {} frames decoded{}{}", summary.input,
                              clock.at(summary.runtime_seconds()), summary.decode.video_frames,
                              clock.frames() ? " at " + clock.rate_text() : "",
                              summary.decode.decode_errors > 0
                                  ? fmt::format(" · {} decode errors", summary.decode.decode_errors)
                                  : "");
  HtmlSection glance;
  glance.id = "overview";
  glance.heading = "At a glance";
  glance.explanation =
      "The whole film on one timeline: where the cuts are, how close the camera is, where the "
      "colours and the voices are.";
  for (const metrics::SkippedAnalysis& skipped : summary.skipped)
    glance.explanation +=
        fmt::format(" Not analysed: {} ({}).", metrics::name(skipped.analysis), skipped.reason);
  glance.blocks.push_back(timeline(summary, outputs, rows, clock));
  // The figures most claims are about, each under a readable name with the name `herlens check`
  // uses below it; every section has its own.
  std::vector<Figure> headline;
  for (const char* name :
       {"runtime_minutes", "shot_count", "asl_seconds", "longest_shot_seconds", "closeup_ratio",
        "face_shot_time_ratio", "blue_share", "warm_share", "dialogue_share", "voice_only_share"}) {
    const metrics::MetricDefinition* metric = metrics::find_metric(name);
    if (const std::optional<double> value = metric ? metric->value(summary) : std::nullopt)
      headline.push_back(
          {readable_metric_name(name), value_text(*value, metric->unit), metric->definition, name});
  }
  glance.blocks.push_back(figures_block(headline));
  page.sections.push_back(std::move(glance));
  if (!verdicts.empty()) page.sections.push_back(claims_section(verdicts));
  for (const metrics::Analysis analysis : summary.analyses) {
    switch (analysis) {
      case Analysis::shots:
        page.sections.push_back(shots_section(summary, outputs, rows, clock));
        break;
      case Analysis::palette:
        page.sections.push_back(palette_section(summary, outputs, rows, clock));
        break;
      case Analysis::framing:
        page.sections.push_back(framing_section(summary, outputs));
        break;
      case Analysis::dialogue:
        page.sections.push_back(dialogue_section(summary, outputs, clock));
        break;
    }
  }
  return page;
}

}  // namespace herlens::report
