#pragma once
#include "herlens/media/source.hpp"

namespace herlens::media {

// Audio files libsndfile reads (WAV, FLAC, AIFF, Ogg ...). Returns nullptr when libsndfile does not
// recognise the file, so the caller can fall back to libav.
std::unique_ptr<Source> open_sndfile_source(const std::filesystem::path& path,
                                            const SourceOptions& options);

}  // namespace herlens::media
