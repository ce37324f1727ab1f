#include "test_support.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <stdlib.h>

namespace politeno::testing {

TempDir::TempDir() {
  char tmpl[] = "/tmp/politeno-test-XXXXXX";
  path_ = mkdtemp(tmpl);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string& name, const std::string& content, bool private_file) const {
  const std::string p = path_ + "/" + name;
  std::ofstream(p, std::ios::binary) << content;
  if (private_file)
    std::filesystem::permissions(p, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  return p;
}

std::optional<std::string> shared_dir() {
  const std::string dir = POLITENO_SHARED_DIR;
  if (std::filesystem::is_directory(dir + "/corpus")) return dir;
  return std::nullopt;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> files_below(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    const std::string p = e.path().string();
    if (e.is_regular_file() && p.size() >= suffix.size() && p.compare(p.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string make_message(const std::vector<std::string>& headers, const std::string& body) {
  std::string out;
  for (const std::string& h : headers) out += h + "\r\n";
  out += "\r\n";
  for (char c : body) {
    if (c == '\n') out += "\r\n";
    else out.push_back(c);
  }
  return out;
}

}  // namespace politeno::testing
