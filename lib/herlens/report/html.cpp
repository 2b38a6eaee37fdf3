#include "herlens/report/html.hpp"

#include <fmt/format.h>

#include "herlens/media/image_codec.hpp"

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
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;background:#fcfbf8;line-height:1.4}
h1{margin-bottom:0}h2{margin-top:2em;border-bottom:1px solid #ddd}h3{margin:1.4em 0 .4em}
.sub{color:#666}.figs{display:flex;flex-wrap:wrap;gap:.8em}nav a{margin-right:1em}
.fig{background:#fff;border:1px solid #e3e0d8;border-radius:6px;padding:.5em .9em;min-width:11em;max-width:16em}
.fig b{display:block;font-size:1.4em}.fig small{color:#777;display:block}.fig code{font-size:.8em;color:#555}
img{max-width:100%;border:1px solid #ddd;margin:.3em 0}
figure{margin:1.2em 0;background:#fff;border:1px solid #e3e0d8;border-radius:6px;padding:.6em .8em}
figcaption{margin-bottom:.4em}figcaption b{display:block;font-size:1.05em}
svg.chart{width:100%;height:auto;display:block}
table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
.scroll{overflow-x:auto;max-width:100%}
td,th{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:middle}th{background:#f0ede6}
td.n{text-align:right;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:bold;padding:.3em 0}
img.thumb{width:128px;height:auto;display:block;margin:0}
.swatch{display:inline-block;width:1.1em;height:1.1em;border:1px solid #999;vertical-align:middle;margin-right:2px}
.tiles{display:flex;flex-wrap:wrap;gap:.5em}.tile{width:150px;font-size:.8em}.tile img{width:146px;display:block}
.groups{display:grid;grid-template-columns:repeat(auto-fill,minmax(30em,1fr));gap:0 1em}.groups figure{margin:.5em 0}
.holds{color:#1d6b34;font-weight:bold}.fails{color:#a5221a;font-weight:bold}
tr:target{outline:2px solid #c0392b}
)";

std::string render_table(const Table& table, size_t max_rows) {
  // In a box that scrolls sideways: a table wider than the page (many columns) never widens it.
  std::string out = fmt::format("<div class=scroll><table><caption>{}</caption><tr>", html_escape(table.name));
  for (const Column& column : table.columns) out += "<th>" + html_escape(column.name) + "</th>";
  out += "</tr>";
  const size_t shown = std::min(max_rows, table.rows.size());
  for (size_t r = 0; r < shown; ++r) {
    out += "<tr>";
    for (size_t c = 0; c < table.rows[r].size(); ++c)
      out += "<td>" + html_escape(format_cell(table.rows[r][c], table.columns[c].decimals)) + "</td>";
    out += "</tr>";
  }
  out += "</table></div>";
  if (shown < table.rows.size())
    out += fmt::format("<p class=sub>{} more rows in {}.csv</p>", table.rows.size() - shown,
                       html_escape(table.name));
  return out;
}

std::string render_picture(const cv::Mat& picture) { return png_image(picture, ""); }

std::string id_attribute(const std::string& id) { return id.empty() ? "" : " id=\"" + html_escape(id) + "\""; }

std::string class_attribute(const std::string& css_class) {
  return css_class.empty() ? "" : " class=\"" + html_escape(css_class) + "\"";
}

}  // namespace

std::string png_data_uri(const cv::Mat& picture) {
  return "data:image/png;base64," + base64(media::encode_png(picture));
}

std::string png_image(const cv::Mat& picture, const std::string& alt, const std::string& css_class) {
  return fmt::format("<img{} alt=\"{}\" src=\"{}\">", class_attribute(css_class), html_escape(alt), png_data_uri(picture));
}

std::string file_image(const std::string& file, const std::string& alt, const std::string& css_class) {
  return fmt::format("<img{} alt=\"{}\" loading=lazy src=\"{}\">", class_attribute(css_class), html_escape(alt),
                     html_escape(file));
}

std::string jpeg_image(const std::vector<unsigned char>& jpeg, const std::string& alt, const std::string& css_class) {
  return fmt::format("<img{} alt=\"{}\" src=\"data:image/jpeg;base64,{}\">", class_attribute(css_class),
                     html_escape(alt), base64(jpeg));
}

std::string figure_block(const std::string& title, const std::string& caption, const std::string& body,
                         const std::string& id) {
  return fmt::format("<figure{}><figcaption><b>{}</b>{}</figcaption>{}</figure>\n", id_attribute(id), html_escape(title),
                     html_escape(caption), body);
}

std::string figures_block(const std::vector<Figure>& figures) {
  std::string out = "<div class=figs>";
  for (const Figure& figure : figures)
    out += fmt::format("<div class=fig>{}<b>{}</b><small>{}</small>{}</div>", html_escape(figure.label),
                       html_escape(figure.value), html_escape(figure.note),
                       figure.name.empty() ? "" : "<code>" + html_escape(figure.name) + "</code>");
  return out + "</div>\n";
}

std::string heading_block(const std::string& text, const std::string& id) {
  return fmt::format("<h3{}>{}</h3>\n", id_attribute(id), html_escape(text));
}

std::string paragraph_block(const std::string& text) { return "<p>" + html_escape(text) + "</p>\n"; }

std::string table_block(const HtmlTable& table) {
  std::string out = "<div class=scroll><table>";
  if (!table.caption.empty()) out += "<caption>" + html_escape(table.caption) + "</caption>";
  out += "<tr>";
  for (const std::string& header : table.headers) out += "<th>" + html_escape(header) + "</th>";
  out += "</tr>";
  for (size_t r = 0; r < table.rows.size(); ++r) {
    out += fmt::format("<tr{}>", r < table.row_ids.size() ? id_attribute(table.row_ids[r]) : "");
    for (size_t c = 0; c < table.rows[r].size(); ++c)
      out += (c < table.numeric.size() && table.numeric[c] ? "<td class=n>" : "<td>") + table.rows[r][c] + "</td>";
    out += "</tr>";
  }
  return out + "</table></div>\n";
}

std::string render_html(const HtmlPage& page) {
  std::string out = "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8><title>" +
                    html_escape(page.title) + "</title><style>" + style + "</style></head><body>\n";
  out += "<h1>" + html_escape(page.title) + "</h1><p class=sub>" + html_escape(page.subtitle) + "</p>\n";
  if (page.contents) {
    out += "<nav>";
    for (const HtmlSection& section : page.sections)
      if (!section.id.empty())
        out += fmt::format("<a href=\"#{}\">{}</a>", html_escape(section.id), html_escape(section.heading));
    out += "</nav>\n";
  }
  for (const HtmlSection& section : page.sections) {
    out += fmt::format("<h2{}>{}</h2>\n<p>{}</p>\n", id_attribute(section.id), html_escape(section.heading),
                       html_escape(section.explanation));
    if (!section.figures.empty()) out += figures_block(section.figures);
    for (const std::string& block : section.blocks) out += block;
    for (const cv::Mat& picture : section.pictures) out += render_picture(picture) + "\n";
    for (const Table& table : section.tables) out += render_table(table, page.max_table_rows) + "\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace herlens::report
