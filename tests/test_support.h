// Helpers shared by the tests.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace politeno::testing {

// The shared/ folder (corpus, MIME fixtures) or nullopt when this checkout has none.
std::optional<std::string> shared_dir();

std::string read_file(const std::string& path);

// Every regular file below `dir` whose name ends with `suffix`, sorted.
std::vector<std::string> files_below(const std::string& dir, const std::string& suffix);

// A message assembled from header lines and a body, with CRLF line ends.
std::string make_message(const std::vector<std::string>& headers, const std::string& body);

// A fresh directory under /tmp, removed with everything in it when this goes (also when
// a REQUIRE ends the test early).
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `content` to path()/name, readable by its owner alone when `private_file`;
  // returns the file's path.
  std::string write(const std::string& name, const std::string& content, bool private_file = false) const;

 private:
  std::string path_;
};

}  // namespace politeno::testing
