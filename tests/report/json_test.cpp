#include <doctest/doctest.h>

#include <cmath>

#include "herlens/error.hpp"
#include "herlens/report/json.hpp"

namespace json = herlens::report::json;

TEST_CASE("json: dump then parse gives the same values back") {
  json::Value value = json::Object{{"name", "Her \"2013\"\n"},
                                   {"shots", int64_t{1234567890123}},
                                   {"share", 0.0125},
                                   {"flags", json::Array{true, false, nullptr}},
                                   {"empty", json::Object{}}};
  const json::Value back = json::parse(json::dump(value));
  CHECK(back.find("name")->as_string() == "Her \"2013\"\n");
  CHECK(back.find("shots")->as_integer() == 1234567890123);
  CHECK(back.find("share")->as_number() == 0.0125);
  CHECK(back.find("flags")->as_array().size() == 3);
  CHECK(back.find("flags")->as_array()[2].is_null());
  CHECK(back.find("empty")->as_object().empty());
  CHECK(json::dump(back) == json::dump(value));
}

TEST_CASE("json: non-finite reals are written as null") {
  CHECK(json::dump(json::Value(std::nan(""))) == "null\n");
}

TEST_CASE("json: escapes and unicode") {
  CHECK(json::parse(R"("a\u00e9\ud83c\udfac")").as_string() == "a\xc3\xa9\xf0\x9f\x8e\xac");
}

TEST_CASE("json: malformed input is an error naming the offset, never a crash") {
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"abc", "nul", "[1] x",
                          "{\"a\":\"\\q\"}", "\"\\ud800\""}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(json::parse(bad), herlens::Error);
  }
  std::string deep(10000, '[');
  CHECK_THROWS_AS(json::parse(deep), herlens::Error);
}
