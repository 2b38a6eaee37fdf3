#pragma once
// HTML pages: report.html, and the corpus page. A page shows the PNG files of its own folder by
// name (a feature's report has dozens of pictures, which a page holding them all would make huge),
// and embeds as data: URIs only what is not a file (the shot table's thumbnails, corpus charts).
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/report/table.hpp"

namespace herlens::report {

struct Figure {
  std::string label;  // "Average shot length"
  std::string value;  // "6.4 s"
  std::string note;   // what it means, in a few words
  std::string name;   // the machine name claims use ("asl_seconds"), shown under the label; may be empty
};

struct HtmlSection {
  std::string heading;
  std::string explanation;         // plain text, escaped on output
  std::vector<Figure> figures;
  std::vector<cv::Mat> pictures;   // embedded as PNG
  std::vector<Table> tables;       // shown up to `max_table_rows` rows each
  std::string id;                  // the section's anchor ("shots"); none when empty
  std::vector<std::string> blocks; // HTML made by the helpers below, after the figures
};

struct HtmlPage {
  std::string title;
  std::string subtitle;
  std::vector<HtmlSection> sections;
  size_t max_table_rows = 40;
  bool contents = false;           // a line of links to the sections that have an id
};

std::string render_html(const HtmlPage& page);

std::string html_escape(const std::string& text);
std::string base64(const std::vector<unsigned char>& bytes);

// Blocks of a section (HtmlSection::blocks); every text argument is plain text, escaped here,
// every `body` HTML made by these helpers or svg.hpp.
// A picture with its title and a sentence saying what it shows and in what units.
std::string figure_block(const std::string& title, const std::string& caption, const std::string& body,
                         const std::string& id = "");
// Figures as cards, each its label, value, note and machine name.
std::string figures_block(const std::vector<Figure>& figures);
// A subheading.
std::string heading_block(const std::string& text, const std::string& id = "");
// A paragraph.
std::string paragraph_block(const std::string& text);
// An <img> of a PNG file beside the page, loaded when scrolled to.
std::string file_image(const std::string& file, const std::string& alt, const std::string& css_class = "");
// An <img> of a picture (PNG) or of JPEG bytes as they are, as data: URIs.
std::string png_image(const cv::Mat& picture, const std::string& alt, const std::string& css_class = "");
std::string jpeg_image(const std::vector<unsigned char>& jpeg, const std::string& alt, const std::string& css_class = "");
// data:image/png;base64,... of a picture.
std::string png_data_uri(const cv::Mat& picture);

// A table whose cells are HTML (thumbnails, swatches, links); `numeric[c]` right-aligns column c.
struct HtmlTable {
  std::string caption;
  std::vector<std::string> headers;  // plain text
  std::vector<bool> numeric;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row_ids;  // anchors of the rows ("shot-3"), or empty
};
std::string table_block(const HtmlTable& table);

}  // namespace herlens::report
