#include <doctest/doctest.h>

#include "herlens/report/html.hpp"

using namespace herlens::report;

TEST_CASE("base64: RFC 4648 test vectors") {
  auto b64 = [](const std::string& s) { return base64({s.begin(), s.end()}); };
  CHECK(b64("") == "");
  CHECK(b64("f") == "Zg==");
  CHECK(b64("fo") == "Zm8=");
  CHECK(b64("foo") == "Zm9v");
  CHECK(b64("foob") == "Zm9vYg==");
  CHECK(b64("fooba") == "Zm9vYmE=");
  CHECK(b64("foobar") == "Zm9vYmFy");
}

TEST_CASE("html: self-contained page, text escaped, pictures embedded, long tables cut") {
  HtmlPage page;
  page.title = "Her <2013>";
  page.max_table_rows = 2;
  HtmlSection section;
  section.heading = "Shots & cuts";
  section.figures.push_back({"ASL", "6.4 s", "mean shot length", "asl_seconds"});
  section.pictures.push_back(cv::Mat(2, 3, CV_8UC3, cv::Scalar(0, 0, 255)));
  Table table{"shots", {{"shot"}}, {}};
  for (int64_t i = 0; i < 5; ++i) table.add_row({i});
  section.tables.push_back(table);
  page.sections.push_back(section);
  const std::string html = render_html(page);
  CHECK(html.find("<title>Her &lt;2013&gt;</title>") != std::string::npos);
  CHECK(html.find("Shots &amp; cuts") != std::string::npos);
  CHECK(html.find("src=\"data:image/png;base64,iVBORw0KGgo") != std::string::npos);
  CHECK(html.find("3 more rows in shots.csv") != std::string::npos);
  CHECK(html.find("src=\"http") == std::string::npos);
}

TEST_CASE("html: a picture of the page's folder is shown by its file name, loaded when scrolled to") {
  CHECK(file_image("boundaries-2.png", "a <b>", "thumb") ==
        "<img class=\"thumb\" alt=\"a &lt;b&gt;\" loading=lazy src=\"boundaries-2.png\">");
}
