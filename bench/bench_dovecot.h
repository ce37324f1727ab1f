// The benchmarks' Dovecot: started on loopback by tests/dovecot/start-dovecot (stopped
// when this process ends), with mailboxes seeded straight into its Maildirs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace politeno::bench {

struct Server {
  std::string dir, ca, conf;
  uint16_t port = 0;
};

Server start();

// Writes `messages` (raw RFC 5322) into `user`'s Maildir INBOX, then lets Dovecot index
// it, so that the server's first look is not counted against politeno.
void seed(const Server& s, const std::string& user, const std::vector<std::string>& messages);

// `n` plain messages from distinct senders.
void seed_plain(const Server& s, const std::string& user, int n);

double median(std::vector<double> v);

}  // namespace politeno::bench
