// The manifest reader: metadata carried as written, relative paths from the manifest's folder, bad
// rows marked (not thrown), and the copy a corpus folder keeps read back the same.
#include <doctest/doctest.h>

#include "herlens/corpus/corpus_run.hpp"
#include "herlens/corpus/manifest.hpp"
#include "herlens/error.hpp"
#include "support/fixtures.hpp"

using namespace herlens::corpus;
using herlens::test::ScratchDir;

TEST_CASE("corpus manifest: columns, paths, duplicates and unreadable rows") {
  ScratchDir dir;
  const Manifest manifest = parse_manifest("\xEF\xBB\xBFtitle,path,year\r\n"
                                           "\"A, first\",films/a.mp4,1960\r\n"
                                           "\r\n"
                                           "B,/elsewhere/b.mp4,1970\r\n"
                                           "A again,./films/../films/a.mp4,1960\r\n"
                                           "C,c.mp4\r\n"
                                           "D,,1990\r\n",
                                           dir / "m.csv");
  CHECK(manifest.metadata_columns == std::vector<std::string>{"title", "year"});
  REQUIRE(manifest.films.size() == 5);
  const ManifestFilm& a = manifest.films[0];
  CHECK(a.line == 2);
  CHECK(a.absolute == dir.path() / "films" / "a.mp4");
  CHECK(a.metadata == std::vector<std::string>{"A, first", "1960"});
  CHECK(a.id.rfind("a.mp4-", 0) == 0);
  CHECK_FALSE(a.problem);
  CHECK(manifest.films[1].absolute == "/elsewhere/b.mp4");
  REQUIRE(manifest.films[2].problem);
  CHECK(manifest.films[2].problem->message == "manifest line 5: ./films/../films/a.mp4 is already listed on line 2");
  REQUIRE(manifest.films[3].problem);
  CHECK(manifest.films[3].problem->message == "manifest line 6: 2 fields where the header has 3");
  REQUIRE(manifest.films[4].problem);
  CHECK(manifest.films[4].problem->message == "manifest line 7: no path");
  CHECK(manifest.analysable().size() == 2);

  const Manifest copy = Manifest::from_json(manifest.to_json());
  REQUIRE(copy.films.size() == 5);
  CHECK(copy.films[0].id == a.id);
  CHECK(copy.films[2].problem->message == manifest.films[2].problem->message);

  // Same name, other folder: another id.
  CHECK(film_id("/x/a.mp4") != film_id("/y/a.mp4"));
  CHECK(film_id("/x/a.mp4") == film_id("/x/a.mp4"));
}

TEST_CASE("corpus manifest: no path column, or nothing at all, is an error for the whole run") {
  CHECK_THROWS_WITH_AS(parse_manifest("file,title\na.mp4,A\n", "m.csv"), doctest::Contains("'path'"), herlens::Error);
  CHECK_THROWS_WITH_AS(parse_manifest("\n\n", "m.csv"), doctest::Contains("empty"), herlens::Error);
}

TEST_CASE("corpus run: shards and threads per film") {
  CHECK(parse_shard("3/10").index == 3);
  CHECK(parse_shard("3/10").count == 10);
  for (const char* bad : {"10/10", "-1/3", "1/0", "1", "1/2/3", "a/b"}) CHECK_THROWS_AS(parse_shard(bad), herlens::Error);
  CHECK(threads_per_film(8, 2) == 4);
  CHECK(threads_per_film(2, 4) == 1);
  CHECK(threads_per_film(2, 1) == 2);
}
