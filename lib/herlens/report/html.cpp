#include "herlens/report/html.hpp"

#include <opencv2/imgcodecs.hpp>

#include <fmt/format.h>

#include "herlens/error.hpp"

namespace herlens::report {

std::string html_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string base64(const std::vector<unsigned char>& bytes) {
  static constexpr char alphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += alphabet[(v >> 6) & 63];
    out += alphabet[v & 63];
  }
  if (const size_t rest = bytes.size() - i; rest > 0) {
    const unsigned v = (bytes[i] << 16) | (rest == 2 ? bytes[i + 1] << 8 : 0);
    out += alphabet[(v >> 18) & 63];
    out += alphabet[(v >> 12) & 63];
    out += rest == 2 ? alphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

namespace {

constexpr const char* style = R"(
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;background:#fcfbf8}
h1{margin-bottom:0}h2{margin-top:2em;border-bottom:1px solid #ddd}
.sub{color:#666}.figs{display:flex;flex-wrap:wrap;gap:1em}
.fig{background:#fff;border:1px solid #e3e0d8;border-radius:6px;padding:.6em 1em;min-width:10em}
.fig b{display:block;font-size:1.5em}.fig small{color:#777}
img{max-width:100%;image-rendering:pixelated;border:1px solid #ddd;margin:.5em 0}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
td,th{border:1px solid #ddd;padding:.2em .5em;text-align:right}th{background:#f0ede6}
caption{text-align:left;font-weight:bold;padding:.3em 0}
)";

std::string render_table(const Table& table, size_t max_rows) {
  std::string out = fmt::format("<table><caption>{}</caption><tr>", html_escape(table.name));
  for (const Column& column : table.columns) out += "<th>" + html_escape(column.name) + "</th>";
  out += "</tr>";
  const size_t shown = std::min(max_rows, table.rows.size());
  for (size_t r = 0; r < shown; ++r) {
    out += "<tr>";
    for (size_t c = 0; c < table.rows[r].size(); ++c)
      out += "<td>" + html_escape(format_cell(table.rows[r][c], table.columns[c].decimals)) + "</td>";
    out += "</tr>";
  }
  out += "</table>";
  if (shown < table.rows.size())
    out += fmt::format("<p class=sub>{} more rows in {}.csv</p>", table.rows.size() - shown,
                       html_escape(table.name));
  return out;
}

std::string render_picture(const cv::Mat& picture) {
  std::vector<unsigned char> png;
  if (picture.empty() || !cv::imencode(".png", picture, png))
    throw Error(ErrorKind::internal, "cannot encode a report picture");
  return "<img alt=\"\" src=\"data:image/png;base64," + base64(png) + "\">";
}

}  // namespace

std::string render_html(const HtmlPage& page) {
  std::string out = "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>" +
                    html_escape(page.title) + "</title><style>" + style + "</style></head><body>\n";
  out += "<h1>" + html_escape(page.title) + "</h1><p class=sub>" + html_escape(page.subtitle) + "</p>\n";
  for (const HtmlSection& section : page.sections) {
    out += "<h2>" + html_escape(section.heading) + "</h2>\n<p>" + html_escape(section.explanation) + "</p>\n";
    if (!section.figures.empty()) {
      out += "<div class=figs>";
      for (const Figure& figure : section.figures)
        out += fmt::format("<div class=fig>{}<b>{}</b><small>{}</small></div>", html_escape(figure.label),
                           html_escape(figure.value), html_escape(figure.note));
      out += "</div>\n";
    }
    for (const cv::Mat& picture : section.pictures) out += render_picture(picture) + "\n";
    for (const Table& table : section.tables) out += render_table(table, page.max_table_rows) + "\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace herlens::report
