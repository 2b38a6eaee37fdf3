#pragma once
// report.html: one self-contained page (pictures embedded as data URIs, no external files).
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/report/table.hpp"

namespace herlens::report {

struct Figure {
  std::string label;  // "Average shot length"
  std::string value;  // "6.4 s"
  std::string note;   // what it means, in a few words
};

struct HtmlSection {
  std::string heading;
  std::string explanation;         // plain text, escaped on output
  std::vector<Figure> figures;
  std::vector<cv::Mat> pictures;   // embedded as PNG
  std::vector<Table> tables;       // shown up to `max_table_rows` rows each
};

struct HtmlPage {
  std::string title;
  std::string subtitle;
  std::vector<HtmlSection> sections;
  size_t max_table_rows = 40;
};

std::string render_html(const HtmlPage& page);

std::string html_escape(const std::string& text);
std::string base64(const std::vector<unsigned char>& bytes);

}  // namespace herlens::report
