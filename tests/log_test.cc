#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <sstream>

#include "daemon/log.h"

using namespace politeno::daemon;

TEST_CASE("log lines carry journald priorities only when stderr is the journal", "[log]") {
  std::ostringstream plain, journal;
  Log(plain, false).error("account=a error=\"x\"");
  Log(journal, true).error("account=a error=\"x\"");
  Log(journal, true).warning("w");
  Log(journal, true).info("i");
  CHECK(plain.str() == "politeno: account=a error=\"x\"\n");
  CHECK(journal.str() == "<3>politeno: account=a error=\"x\"\n<4>politeno: w\n<6>politeno: i\n");
}

TEST_CASE("a log line cannot be split into two by what it quotes", "[log]") {
  std::ostringstream out;
  Log(out, true).info("subject=\"hi\r\n<3>politeno: forged\"");
  CHECK(out.str() == "<6>politeno: subject=\"hi  <3>politeno: forged\"\n");
}

TEST_CASE("the journal is recognised by the device and inode JOURNAL_STREAM names", "[log]") {
  std::FILE* f = std::tmpfile();
  REQUIRE(f);
  struct stat st {};
  REQUIRE(fstat(fileno(f), &st) == 0);
  const std::string mine = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  const std::string other = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino + 1);
  CHECK(is_journal_stream(fileno(f), mine.c_str()));
  CHECK_FALSE(is_journal_stream(fileno(f), other.c_str()));
  CHECK_FALSE(is_journal_stream(fileno(f), nullptr));
  CHECK_FALSE(is_journal_stream(fileno(f), "garbage"));
  std::fclose(f);
}
