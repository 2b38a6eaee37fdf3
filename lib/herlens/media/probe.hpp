#pragma once
#include <filesystem>

#include "herlens/media/media_info.hpp"

namespace herlens::media {

// Reads a media file's headers (no decoding) and describes it. Throws Error(input|media).
MediaInfo probe(const std::filesystem::path& path);

}  // namespace herlens::media
