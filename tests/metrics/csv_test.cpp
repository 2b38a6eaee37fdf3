// Reading CSV text a user hands herlens, with the lines rows start on for messages.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "herlens/metrics/csv.hpp"

TEST_CASE("csv: rows with the line they start on, quoted commas, quotes and line ends, CRLF") {
  const auto rows = herlens::metrics::read_csv("a,\"b,c\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\n\nlast");
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].line == 1);
  CHECK(rows[0].cells == std::vector<std::string>{"a", "b,c"});
  CHECK(rows[1].line == 2);
  CHECK(rows[1].cells == std::vector<std::string>{"say \"hi\"", "two\nlines"});
  CHECK(rows[2].line == 4);  // a blank line: one empty cell
  CHECK(rows[2].cells == std::vector<std::string>{""});
  CHECK(rows[3].line == 5);
  CHECK(rows[3].cells == std::vector<std::string>{"last"});
}
