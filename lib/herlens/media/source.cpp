#include "herlens/media/source.hpp"

#include "herlens/media/libav_source.hpp"
#include "herlens/media/open_input.hpp"
#include "herlens/media/sndfile_source.hpp"

namespace herlens::media {

std::unique_ptr<Source> open_source(const std::filesystem::path& path, const SourceOptions& options) {
  check_input_file(path);  // before libsndfile, which would open whatever the path names
  if (auto audio_file = open_sndfile_source(path, options)) return audio_file;
  return open_libav_source(path, options);
}

}  // namespace herlens::media
