#pragma once
// A report read back from where it was saved (its folder's summary.json and CSV tables), decoding
// nothing: what `herlens check --from` and `herlens export` work from. A report still in memory is
// read the same way (`herlens report --export`), so what is exported with a report equals what is
// exported later from its folder.
#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "herlens/media/media_info.hpp"
#include "herlens/metrics/colour.hpp"
#include "herlens/metrics/film_summary.hpp"
#include "herlens/metrics/shot.hpp"
#include "herlens/metrics/shot_scale.hpp"
#include "herlens/metrics/voice_only.hpp"
#include "herlens/report/outputs.hpp"

namespace herlens::report {

// How the film's times stand to the file (summary.json `timeline`, `runtime`, `decode`).
struct SavedTimeline {
  double start_offset = 0;  // seconds: the file's timestamp at film time 0
  double runtime = 0;       // seconds
  bool has_audio = false;   // the file has sound, whether or not it was analysed
  struct Picture {
    media::Ratio frame_rate;  // the stream's base rate
    bool variable_frame_rate = false;
    int64_t frames = 0;
    double first_time = 0;    // seconds: the first picture's start
    double end_time = 0;      // seconds: the last picture's end
    int width = 0, height = 0;
    double average_fps() const;
  };
  std::optional<Picture> picture;  // absent for a film without one
};

// A speech segment of speech.csv with what the picture showed while it was heard.
struct SavedSpeech {
  metrics::SpeechSegment segment;
  std::optional<metrics::PictureState> on_screen;  // the state over most of it; none without a picture
  metrics::StateSeconds seconds;                   // its time in each state (with a picture)
};

// Family shares of one shot's active picture, indexed by metrics::Family (shot_colours.csv).
using ShotFamilyShares = std::array<double, metrics::family_count>;

class SavedReport {
 public:
  // Reads DIR/summary.json now, the tables when they are asked for. Throws Error(input) when DIR
  // is not a folder holding a herlens summary.
  static SavedReport read(const std::filesystem::path& dir);
  // The report these outputs make, read as its folder would be.
  static SavedReport of(const Outputs& outputs);

  // Every metric the summary lists, name -> value.
  std::map<std::string, double> metrics() const;
  // The film as the report names it (as it was given to herlens), and its absolute path (the
  // name again when the summary predates input_path).
  std::string input() const;
  std::string input_path() const;
  // Whether the analysis's section is in the summary; when not, why it was left out (from
  // `skipped`), or nullopt when it was not asked for.
  bool has(metrics::Analysis analysis) const;
  std::optional<std::string> skipped_because(metrics::Analysis analysis) const;

  // The readers below throw Error(input) naming the file (and line) when it is missing or malformed.
  SavedTimeline timeline() const;
  std::vector<metrics::Shot> shots() const;                 // shots.csv
  std::vector<metrics::ShotFraming> shot_framing() const;   // framing.csv, one per shot
  std::vector<ShotFamilyShares> shot_colours() const;       // shot_colours.csv, one per shot
  std::vector<SavedSpeech> speech() const;                  // speech.csv

 private:
  class Rows;
  Rows table(std::string_view name) const;
  std::string place(std::string_view file) const;  // "DIR/file" (or the file alone) for messages

  std::optional<std::filesystem::path> dir_;   // where the tables are, when read from a folder
  std::map<std::string, std::string> in_memory_;  // table name -> CSV, when read from outputs
  nlohmann::json summary_;
};

}  // namespace herlens::report
