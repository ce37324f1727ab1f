#include "bench_dovecot.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace politeno::bench {
namespace {

std::string field(const std::string& line, const std::string& key) {
  const size_t at = line.find(key + "=");
  const size_t b = at + key.size() + 1;
  return line.substr(b, line.find_first_of(" \n", b) - b);
}

}  // namespace

Server start() {
  const std::string cmd = std::string(POLITENO_SOURCE_DIR) + "/tests/dovecot/start-dovecot --parent " + std::to_string(getpid());
  FILE* p = popen(cmd.c_str(), "r");
  char buf[1024] = {};
  std::string out;
  while (p && fgets(buf, sizeof buf, p)) out += buf;
  if (!p || pclose(p) != 0) {
    std::fprintf(stderr, "bench: Dovecot did not start: %s\n", out.c_str());
    std::exit(1);
  }
  Server s;
  s.dir = field(out, "DOVECOT_DIR");
  s.ca = field(out, "CA_FILE");
  s.conf = field(out, "DOVECOT_CONF");
  s.port = static_cast<uint16_t>(std::stoi(field(out, "IMAPS_PORT")));
  return s;
}

void seed(const Server& s, const std::string& user, const std::vector<std::string>& messages) {
  const std::filesystem::path cur = std::filesystem::path(s.dir) / "mail" / user / "cur";
  std::filesystem::create_directories(cur);
  std::filesystem::create_directories(cur.parent_path() / "new");
  std::filesystem::create_directories(cur.parent_path() / "tmp");
  for (size_t i = 0; i < messages.size(); ++i)
    std::ofstream(cur / ("1700000000." + std::to_string(i + 1) + ".bench:2,")) << messages[i];
  const std::string home = (std::filesystem::path(s.dir) / "mail" / user).string();
  std::string index = "chown -R 65534:65534 " + home;
  if (!s.conf.empty()) index += " && doveadm -c " + s.conf + " mailbox status -u " + user + " messages INBOX >/dev/null";
  if (std::system(index.c_str()) != 0) std::fprintf(stderr, "bench: could not prepare %s's mailbox\n", user.c_str());
}

void seed_plain(const Server& s, const std::string& user, int n) {
  std::string body;
  for (int k = 0; k < 40; ++k) body += "Line of an ordinary message body, long enough to look like mail.\n";
  std::vector<std::string> messages;
  for (int i = 1; i <= n; ++i)
    messages.push_back("From: Sender " + std::to_string(i) + " <s" + std::to_string(i) + "@example.org>\nTo: " + user +
                       "@example.org\nSubject: message " + std::to_string(i) + "\nMessage-ID: <" + std::to_string(i) +
                       "." + user + "@example.org>\nDate: Thu, 26 Nov 2026 10:00:00 +0000\n\n" + body);
  seed(s, user, messages);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace politeno::bench
