#include "herlens/suggest.hpp"

#include <doctest/doctest.h>

using herlens::did_you_mean;
using herlens::edit_distance;
using herlens::nearest_name;

TEST_CASE(
    "suggest: edit distance counts inserts, deletes, replacements and swapped neighbours as one "
    "each") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("shots", "shots") == 0);
  CHECK(edit_distance("shot", "shots") == 1);
  CHECK(edit_distance("bleu", "blue") == 1);  // a swap
  CHECK(edit_distance("palete", "palette") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
}

TEST_CASE("suggest: the nearest known name when near enough, nothing for a different word") {
  const std::vector<std::string> commands{"probe",    "shots",  "palette", "framing",
                                          "dialogue", "report", "check"};
  CHECK(nearest_name("shot", commands) == "shots");
  CHECK(nearest_name("Shots", commands) == "shots");
  CHECK(nearest_name("pallete", commands) == "palette");
  CHECK(nearest_name("dialog", commands) == "dialogue");
  CHECK(nearest_name("fram", commands) == "framing");  // the start of a name
  CHECK_FALSE(nearest_name("frame", commands));        // three edits from framing: too far
  CHECK(nearest_name("chekc", commands) == "check");
  CHECK_FALSE(nearest_name("zebra", commands));
  CHECK_FALSE(nearest_name("", commands));
  CHECK_FALSE(nearest_name("x", commands));
  const std::vector<std::string> metrics{"blue_share", "warm_share", "cool_share",
                                         "face_shot_ratio", "face_shot_time_ratio"};
  CHECK(nearest_name("bleu_share", metrics) == "blue_share");
  CHECK(nearest_name("face_shot_time", metrics) == "face_shot_time_ratio");
  CHECK(nearest_name("face_shots_ratio", metrics) == "face_shot_ratio");
  CHECK(did_you_mean("bleu_share", metrics) == " (did you mean 'blue_share'?)");
  CHECK(did_you_mean("runtime", metrics).empty());
}
