#include "herlens/media/open_input.hpp"

#include <cctype>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "herlens/error.hpp"

namespace herlens::media {

namespace {

// Demuxers whose job is to open other files or URLs named inside the input. Refused outright, so a
// crafted "film" cannot make herlens read another local file (the protocol whitelist already stops
// the network, and every nested open is checked by only_the_input_itself below).
constexpr const char* reference_demuxers[] = {"hls", "concat", "imf", "dash", "sdp", "rtsp", "rtp",
                                              "webm_dash_manifest"};

// `names` is a demuxer's name, itself possibly a list ("mov,mp4,m4a,...").
bool is_reference_demuxer(std::string_view names) {
  for (size_t start = 0; start <= names.size();) {
    const size_t comma = std::min(names.find(',', start), names.size());
    for (std::string_view refused : reference_demuxers)
      if (names.substr(start, comma - start) == refused) return true;
    start = comma + 1;
  }
  return false;
}

// Comma-separated names of every demuxer this FFmpeg build has, minus the reference demuxers.
std::string allowed_demuxers() {
  std::string names;
  void* state = nullptr;
  while (const AVInputFormat* format = av_demuxer_iterate(&state)) {
    if (is_reference_demuxer(format->name)) continue;
    if (!names.empty()) names += ',';
    names += format->name;
  }
  return names;
}

// libav opens every file through AVFormatContext::io_open; only the input's own URL may pass.
int only_the_input_itself(AVFormatContext* context, AVIOContext** pb, const char* url, int flags,
                          AVDictionary** options) {
  if ((flags & AVIO_FLAG_WRITE) || !context->url || std::strcmp(url, context->url) != 0) {
    av_log(context, AV_LOG_ERROR, "herlens refused to open '%s'\n", url);
    return AVERROR(EPERM);
  }
  return avio_open2(pb, url, flags, &context->interrupt_callback, options);
}

// Whether libav would read `path` with a reference demuxer: tells a refused playlist from a file
// that is simply not media, so the message can say which.
bool refers_to_other_files(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  head.append(AVPROBE_PADDING_SIZE, '\0');  // libav probes read past the end by design
  const std::string name = path.string();
  AVProbeData probe{name.c_str(), reinterpret_cast<unsigned char*>(head.data()),
                    static_cast<int>(head.size() - AVPROBE_PADDING_SIZE), nullptr};
  const AVInputFormat* format = av_probe_input_format(&probe, 1);
  return format && is_reference_demuxer(format->name);
}

// What a file that is not a regular one is, for the message refusing it.
std::string_view kind_of(std::filesystem::file_type type) {
  using std::filesystem::file_type;
  switch (type) {
    case file_type::directory: return "a directory";
    case file_type::fifo: return "a FIFO (named pipe)";
    case file_type::socket: return "a socket";
    case file_type::character: return "a character device";
    case file_type::block: return "a block device";
    default: return "not a regular file";
  }
}

// libav says why an open failed in its log, and the code it returns may not (the yuv4mpeg demuxer
// returns EBUSY for a picture size it refuses): while an object of this class lives, the last error
// libav logs on this thread is kept. The callback, installed once for the process, hands every
// message on to libav's own (which honours av_log_set_level).
class LibavErrorLog {
 public:
  LibavErrorLog() {
    static std::once_flag installed;
    std::call_once(installed, [] { av_log_set_callback(keep); });
    kept_ = &last_;
  }
  ~LibavErrorLog() { kept_ = nullptr; }
  LibavErrorLog(const LibavErrorLog&) = delete;
  LibavErrorLog& operator=(const LibavErrorLog&) = delete;

  // The last error message, without its newline, or `fallback` when libav logged none.
  std::string last_or(std::string fallback) const { return last_.empty() ? fallback : last_; }
  // The picture size libav refused, when that is why it failed (imgutils' message).
  std::optional<std::pair<unsigned, unsigned>> refused_picture_size() const {
    unsigned width = 0, height = 0;
    if (std::sscanf(last_.c_str(), "Picture size %ux%u is invalid", &width, &height) != 2) return std::nullopt;
    return std::pair{width, height};
  }

 private:
  static void keep(void* object, int level, const char* format, va_list args) {
    if (kept_ && level <= AV_LOG_ERROR) {
      std::va_list copy;
      va_copy(copy, args);
      char line[1024];
      int print_prefix = 0;
      av_log_format_line2(object, level, format, copy, line, sizeof line, &print_prefix);
      va_end(copy);
      *kept_ = line;
      while (!kept_->empty() && std::isspace(static_cast<unsigned char>(kept_->back()))) kept_->pop_back();
    }
    av_log_default_callback(object, level, format, args);
  }

  static thread_local std::string* kept_;
  std::string last_;
};

thread_local std::string* LibavErrorLog::kept_ = nullptr;

[[noreturn]] void refuse_picture_size(const std::filesystem::path& path, int64_t width, int64_t height) {
  throw Error(ErrorKind::media,
              fmt::format("{}: claims a {}x{} picture, beyond herlens's limit of {} pixels a side and {} pixels "
                          "a picture",
                          path.string(), width, height, max_picture_side, max_picture_pixels));
}

// Refuses a file whose headers claim a picture beyond the limits, before anything decodes one.
void check_picture_sizes(const std::filesystem::path& path, const AVFormatContext& context) {
  for (unsigned i = 0; i < context.nb_streams; ++i) {
    const AVCodecParameters* par = context.streams[i]->codecpar;
    if (par->codec_type != AVMEDIA_TYPE_VIDEO) continue;
    if (par->width > max_picture_side || par->height > max_picture_side || par->width < 0 || par->height < 0 ||
        int64_t{par->width} * par->height > max_picture_pixels)
      refuse_picture_size(path, par->width, par->height);
  }
}

}  // namespace

void check_input_file(const std::filesystem::path& path) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found)
    throw Error(ErrorKind::input, fmt::format("{}: no such file", path.string()));
  if (ec)  // a loop of symbolic links, a name too long, a folder on the way that may not be searched
    throw Error(ErrorKind::input, fmt::format("{}: cannot read: {}", path.string(), ec.message()));
  // Opening a FIFO blocks until something writes to it, and a device or a pipe never ends: only a
  // regular file is a film that can be read to its end (and opened without waiting).
  if (!std::filesystem::is_regular_file(status))
    throw Error(ErrorKind::input, fmt::format("{}: is {}; herlens reads regular files only", path.string(),
                                              kind_of(status.type())));
  std::ifstream probe(path, std::ios::binary);
  if (!probe)
    throw Error(ErrorKind::input,
                fmt::format("{}: cannot read: {}", path.string(), std::strerror(errno)));
}

FormatContextPtr open_input(const std::filesystem::path& path) {
  check_input_file(path);
  const std::string url = "file:" + std::filesystem::absolute(path).string();

  AVFormatContext* raw = avformat_alloc_context();
  if (!raw) throw Error(ErrorKind::internal, "out of memory allocating a format context");
  raw->io_open = only_the_input_itself;
  AVDictionary* options = nullptr;
  av_dict_set(&options, "protocol_whitelist", "file", 0);
  av_dict_set(&options, "format_whitelist", allowed_demuxers().c_str(), 0);
  av_dict_set_int(&options, "max_streams", max_streams, 0);
  const LibavErrorLog errors;
  const int opened = avformat_open_input(&raw, url.c_str(), nullptr, &options);
  av_dict_free(&options);
  if (opened < 0) {  // avformat_open_input frees the context on failure
    if (opened == AVERROR(EPERM) || refers_to_other_files(path))
      throw Error(ErrorKind::media,
                  fmt::format("{}: refused: it is a playlist or reference file that points at other "
                              "files or URLs; herlens reads only the local file given",
                              path.string()));
    if (const auto size = errors.refused_picture_size()) refuse_picture_size(path, size->first, size->second);
    throw Error(ErrorKind::media, fmt::format("{}: not a media file herlens can read, or its headers are damaged ({})",
                                              path.string(), errors.last_or(av_error_text(opened))));
  }
  FormatContextPtr context(raw);
  // Reading the stream headers may decode a few pictures: refused before, and bounded while.
  check_picture_sizes(path, *context);
  std::vector<AVDictionary*> decoder_options(context->nb_streams, nullptr);
  for (AVDictionary*& stream_options : decoder_options) av_dict_set_int(&stream_options, "max_pixels", max_picture_pixels, 0);
  const int found = avformat_find_stream_info(context.get(), decoder_options.data());
  for (AVDictionary*& stream_options : decoder_options) av_dict_free(&stream_options);
  if (found < 0)
    throw Error(ErrorKind::media, fmt::format("{}: cannot read stream headers ({})", path.string(),
                                              errors.last_or(av_error_text(found))));
  check_picture_sizes(path, *context);
  return context;
}

}  // namespace herlens::media
