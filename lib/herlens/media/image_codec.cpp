#include "herlens/media/image_codec.hpp"

#include <csetjmp>
#include <cstdio>  // before jpeglib.h, which uses FILE
#include <cstdlib>

#include <jpeglib.h>
#include <png.h>
#include <zlib.h>

#include "herlens/error.hpp"

namespace herlens::media {

namespace {

// libpng and libjpeg report errors by calling a function that must not return (libjpeg's default
// ends the process): both jump back to the call instead. The functions that set the jump hold no
// C++ object a jump could skip.
struct JpegErrors {
  jpeg_error_mgr manager;
  std::jmp_buf jump;
};

[[noreturn]] void jump_back(j_common_ptr info) { std::longjmp(reinterpret_cast<JpegErrors*>(info->err)->jump, 1); }
// Warnings (a damaged file read on) are not printed: the caller judges the result.
void say_nothing(j_common_ptr) {}

jpeg_error_mgr* jumping_errors(JpegErrors& errors) {
  jpeg_std_error(&errors.manager);
  errors.manager.error_exit = jump_back;
  errors.manager.output_message = say_nothing;
  return &errors.manager;
}

// Compresses into a buffer libjpeg allocates (*data, *size; freed by the caller, also on failure).
bool compress_jpeg(const cv::Mat& bgr, int quality, unsigned char** data, unsigned long* size) {
  jpeg_compress_struct info;
  JpegErrors errors;
  info.err = jumping_errors(errors);
  if (setjmp(errors.jump)) {
    jpeg_destroy_compress(&info);
    return false;
  }
  jpeg_create_compress(&info);
  jpeg_mem_dest(&info, data, size);
  info.image_width = JDIMENSION(bgr.cols);
  info.image_height = JDIMENSION(bgr.rows);
  info.input_components = 3;
  info.in_color_space = JCS_EXT_BGR;
  jpeg_set_defaults(&info);
  jpeg_set_quality(&info, quality, TRUE);
  jpeg_start_compress(&info, TRUE);
  while (info.next_scanline < info.image_height) {
    JSAMPROW row = const_cast<JSAMPROW>(bgr.ptr<uint8_t>(int(info.next_scanline)));
    jpeg_write_scanlines(&info, &row, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  return true;
}

bool decompress_jpeg(std::span<const uint8_t> bytes, cv::Mat& bgr) {
  jpeg_decompress_struct info;
  JpegErrors errors;
  info.err = jumping_errors(errors);
  if (setjmp(errors.jump)) {
    jpeg_destroy_decompress(&info);
    return false;
  }
  jpeg_create_decompress(&info);
  jpeg_mem_src(&info, bytes.data(), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(&info, TRUE);
  info.out_color_space = JCS_EXT_BGR;
  jpeg_start_decompress(&info);
  bgr.create(int(info.output_height), int(info.output_width), CV_8UC3);
  while (info.output_scanline < info.output_height) {
    JSAMPROW row = bgr.ptr<uint8_t>(int(info.output_scanline));
    jpeg_read_scanlines(&info, &row, 1);
  }
  jpeg_finish_decompress(&info);
  jpeg_destroy_decompress(&info);
  return true;
}

void append_to(png_structp writer, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::vector<uint8_t>*>(png_get_io_ptr(writer));
  out->insert(out->end(), data, data + length);
}

[[noreturn]] void png_jump_back(png_structp writer, png_const_charp) { png_longjmp(writer, 1); }

void png_say_nothing(png_structp, png_const_charp) {}

int png_colour_type(int channels) {
  switch (channels) {
    case 1: return PNG_COLOR_TYPE_GRAY;
    case 3: return PNG_COLOR_TYPE_RGB;
    case 4: return PNG_COLOR_TYPE_RGB_ALPHA;
    default: return -1;
  }
}

// Written for speed, as the report writes its pictures once the pass is over: zlib's fastest level,
// run-length matching and the "sub" filter (as OpenCV writes them; libpng's defaults cost about 2%
// of a report's CPU in zlib, for files a quarter smaller).
bool compress_png(const cv::Mat& picture, std::vector<uint8_t>& out) {
  const int colour_type = png_colour_type(picture.channels());
  if (colour_type < 0) return false;
  png_structp writer = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, png_jump_back, png_say_nothing);
  if (!writer) return false;
  png_infop info = png_create_info_struct(writer);
  if (!info || setjmp(png_jmpbuf(writer))) {
    png_destroy_write_struct(&writer, &info);
    return false;
  }
  png_set_write_fn(writer, &out, append_to, nullptr);
  png_set_IHDR(writer, info, png_uint_32(picture.cols), png_uint_32(picture.rows), 8, colour_type,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_filter(writer, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_compression_level(writer, Z_BEST_SPEED);
  png_set_compression_strategy(writer, Z_RLE);
  png_write_info(writer, info);
  if (picture.channels() > 1) png_set_bgr(writer);  // OpenCV keeps blue first
  for (int y = 0; y < picture.rows; ++y) png_write_row(writer, picture.ptr<uint8_t>(y));
  png_write_end(writer, info);
  png_destroy_write_struct(&writer, &info);
  return true;
}

}  // namespace

std::vector<uint8_t> encode_png(const cv::Mat& picture) {
  if (picture.empty() || picture.depth() != CV_8U || picture.dims != 2)
    throw Error(ErrorKind::internal, "only 8-bit pictures are written as PNG");
  std::vector<uint8_t> png;
  if (!compress_png(picture, png)) throw Error(ErrorKind::internal, "cannot encode a PNG picture");
  return png;
}

std::vector<uint8_t> encode_jpeg(const cv::Mat& bgr, int quality) {
  if (bgr.empty() || bgr.type() != CV_8UC3)
    throw Error(ErrorKind::internal, "only 8-bit BGR pictures are written as JPEG");
  unsigned char* data = nullptr;
  unsigned long size = 0;
  const bool done = compress_jpeg(bgr, quality, &data, &size);
  std::vector<uint8_t> jpeg;
  if (done) jpeg.assign(data, data + size);
  std::free(data);
  if (!done) throw Error(ErrorKind::internal, "cannot encode a JPEG picture");
  return jpeg;
}

cv::Mat decode_jpeg(std::span<const uint8_t> bytes) {
  cv::Mat bgr;
  if (bytes.empty() || !decompress_jpeg(bytes, bgr)) return {};
  return bgr;
}

}  // namespace herlens::media
