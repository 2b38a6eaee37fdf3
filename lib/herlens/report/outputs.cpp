#include "herlens/report/outputs.hpp"

#include <opencv2/imgcodecs.hpp>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/report/atomic_file.hpp"

namespace herlens::report {

void write_to_dir(const std::filesystem::path& dir, const Outputs& outputs) {
  ensure_output_dir(dir);
  write_file_atomically(dir / (outputs.main.name + ".csv"), to_csv(outputs.main));
  for (const Table& table : outputs.tables)
    write_file_atomically(dir / (table.name + ".csv"), to_csv(table));
  for (const Picture& picture : outputs.pictures) {
    std::vector<uchar> png;
    if (picture.image.empty() || !cv::imencode(".png", picture.image, png))
      throw Error(ErrorKind::internal, fmt::format("cannot encode picture {}", picture.name));
    write_file_atomically(dir / (picture.name + ".png"),
                          {reinterpret_cast<const char*>(png.data()), png.size()});
  }
  // The summary last: its presence says the folder is complete.
  write_file_atomically(dir / "summary.json", json::dump(outputs.summary));
}

}  // namespace herlens::report
