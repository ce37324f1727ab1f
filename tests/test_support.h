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

}  // namespace politeno::testing
