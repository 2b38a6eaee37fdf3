#pragma once
// Opening untrusted media files safely: local files only, no network, no references to other files.
#include <cstdint>
#include <filesystem>

#include "herlens/media/av_ptr.hpp"

namespace herlens::media {

// Bounds on what a header may claim before herlens refuses the file.
inline constexpr int max_picture_side = 16384;  // pixels, either dimension
// Pixels a picture may have: the largest cinema picture (8K DCI, 8192x4320). A decoded picture and
// the few a decoder holds cost memory in proportion (a 150 KB FFV1 file of 16000x8000 pictures
// took 640 MB); a larger one is refused, in the headers and by the decoders.
inline constexpr int64_t max_picture_pixels = int64_t{8192} * 4320;
inline constexpr int max_streams = 256;

// Throws Error(input) unless `path` names a regular file that can be read: missing, unreadable, a
// directory, FIFO, socket or device (which could block or never end) are refused before anything
// opens them.
void check_input_file(const std::filesystem::path& path);

// Opens `path` for demuxing and reads its stream headers.
// - Checks the file as check_input_file() does (Error(input)) and that it is a media file
//   (Error(media)).
// - Only the file itself may be opened: a playlist, concat script or reference movie that points at
//   another file or a URL is refused with Error(media) naming what it tried to open.
FormatContextPtr open_input(const std::filesystem::path& path);

}  // namespace herlens::media
