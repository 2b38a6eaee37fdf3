#pragma once
#include "herlens/media/source.hpp"

namespace herlens::media {

// Any container FFmpeg reads. One demux pass; video decoded with frame threading; pictures converted
// and handed to the sink on a delivery thread (FrameDelivery) while decoding goes on.
std::unique_ptr<Source> open_libav_source(const std::filesystem::path& path,
                                          const SourceOptions& options);

}  // namespace herlens::media
