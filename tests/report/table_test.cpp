#include <doctest/doctest.h>

#include "herlens/error.hpp"
#include "herlens/report/table.hpp"

using namespace herlens::report;

TEST_CASE("csv: RFC 4180 header, CRLF, quoting, fixed decimals") {
  Table table{"t", {{"name"}, {"time", 3}, {"count"}, {"share", 4}}, {}};
  table.add_row({std::string("plain"), 1.23456, int64_t{7}, 0.5});
  table.add_row({std::string("has, comma \"and quote\""), 0.0, int64_t{-1}, std::monostate{}});
  CHECK(to_csv(table) ==
        "name,time,count,share\r\n"
        "plain,1.235,7,0.5000\r\n"
        "\"has, comma \"\"and quote\"\"\",0.000,-1,\r\n");
}

TEST_CASE("table: a row with the wrong number of cells is a bug, caught") {
  Table table{"t", {{"a"}, {"b"}}, {}};
  CHECK_THROWS_AS(table.add_row({int64_t{1}}), herlens::Error);
}
