// IMAP throughput against a local Dovecot: fetch the first 2 KiB (headers) of N messages
// and move them all, batched (one command per 2,000 UIDs) versus one message at a time.
// Prints wall time and round trips per run, then medians and ratios.
//   bench_imap [--messages N] [--reps R]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "bench_dovecot.h"
#include "imap/client.h"

using namespace politeno;
using namespace politeno::imap;
using namespace politeno::bench;
using Seconds = std::chrono::duration<double>;

namespace {

struct Run {
  double fetch_s = 0, move_s = 0;
  size_t fetch_trips = 0, move_trips = 0;
};

awaitable<void> measure(CurlMulti& multi, const Server& s, const std::string& user, bool batched, Run* out) {
  Endpoint ep;
  ep.host = "127.0.0.1";
  ep.port = s.port;
  ep.ca_file = s.ca;
  const Credentials cred{user, "secret", ""};
  Timeouts t;
  t.command = std::chrono::minutes(10);
  auto opened = co_await Client::open(multi, ep, cred, t);
  if (opened.ec) {
    std::fprintf(stderr, "bench_imap: login: %s\n", opened.ec.message().c_str());
    std::exit(1);
  }
  Client& c = *opened.value;
  const std::string inbox = "INBOX", target = "Moved", all = "ALL";
  co_await c.create(target);
  co_await c.select(inbox, false);  // Dovecot indexes the Maildir here, outside the timing
  auto uids = (co_await c.uid_search(all)).value;

  auto trips = c.round_trips();
  auto t0 = std::chrono::steady_clock::now();
  size_t fetched = 0;
  if (batched) {
    fetched = (co_await c.uid_fetch(uids, 2048)).value.size();
  } else {
    for (uint32_t uid : uids) {
      const std::vector<uint32_t> one(1, uid);
      fetched += (co_await c.uid_fetch(one, 2048)).value.size();
    }
  }
  out->fetch_s = Seconds(std::chrono::steady_clock::now() - t0).count();
  out->fetch_trips = c.round_trips() - trips;

  trips = c.round_trips();
  t0 = std::chrono::steady_clock::now();
  if (batched) {
    co_await c.uid_move(uids, target);
  } else {
    for (uint32_t uid : uids) {
      const std::vector<uint32_t> one(1, uid);
      co_await c.uid_move(one, target);
    }
  }
  out->move_s = Seconds(std::chrono::steady_clock::now() - t0).count();
  out->move_trips = c.round_trips() - trips;
  const size_t left = (co_await c.uid_search(all)).value.size();
  if (fetched != uids.size() || left != 0) {
    std::fprintf(stderr, "bench_imap: fetched %zu of %zu, %zu left after the move\n", fetched, uids.size(), left);
    std::exit(1);
  }
  co_await c.logout();
}


}  // namespace

int main(int argc, char** argv) {
  int messages = 10000, reps = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--messages") messages = std::atoi(argv[i + 1]);
    if (std::string(argv[i]) == "--reps") reps = std::atoi(argv[i + 1]);
  }
  const Server s = start();
  std::printf("bench_imap: %d messages per run, %d runs per mode, Dovecot on 127.0.0.1:%u (TLS)\n\n", messages, reps, s.port);
  std::printf("%-8s %4s %12s %12s %12s %12s\n", "mode", "run", "fetch s", "fetch trips", "move s", "move trips");
  std::vector<double> bf, bm, sf, sm;
  size_t trips[4] = {};
  int user = 0;
  for (int r = 0; r < reps; ++r) {
    for (bool batched : {true, false}) {
      const std::string name = "u" + std::to_string(++user);
      seed_plain(s, name, messages);
      Run run;
      asio::io_context io;
      {
        CurlMulti multi(io);
        asio::co_spawn(io, measure(multi, s, name, batched, &run), asio::detached);
        io.run();
      }
      std::printf("%-8s %4d %12.3f %12zu %12.3f %12zu\n", batched ? "batched" : "single", r + 1, run.fetch_s,
                  run.fetch_trips, run.move_s, run.move_trips);
      (batched ? bf : sf).push_back(run.fetch_s);
      (batched ? bm : sm).push_back(run.move_s);
      trips[batched ? 0 : 2] = run.fetch_trips;
      trips[batched ? 1 : 3] = run.move_trips;
    }
  }
  std::printf("\nmedians: fetch %.3f s batched (%zu round trips) vs %.3f s single (%zu): %.1fx\n", median(bf), trips[0],
              median(sf), trips[2], median(sf) / median(bf));
  std::printf("         move  %.3f s batched (%zu round trips) vs %.3f s single (%zu): %.1fx\n", median(bm), trips[1],
              median(sm), trips[3], median(sm) / median(bm));
  std::printf("         %.0f messages/s fetched batched\n", messages / median(bf));
  return 0;
}
