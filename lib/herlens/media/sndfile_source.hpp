#pragma once
#include "herlens/media/source.hpp"

namespace herlens::media {

// Audio files libsndfile reads (WAV, FLAC, AIFF, Ogg ...), but not MP3. Returns nullptr when
// libsndfile does not recognise the file (or it is an MP3), so the caller can fall back to libav.
std::unique_ptr<Source> open_sndfile_source(const std::filesystem::path& path,
                                            const SourceOptions& options);

}  // namespace herlens::media
