#pragma once
#include "herlens/media/source.hpp"

namespace herlens::media {

// Any container FFmpeg reads. One demux pass; video decoded with frame threading.
std::unique_ptr<Source> open_libav_source(const std::filesystem::path& path,
                                          const SourceOptions& options);

}  // namespace herlens::media
