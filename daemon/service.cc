#include "daemon/service.h"

#include <time.h>

#include <csignal>
#include <random>

#include "config/config_error.h"
#include "daemon/account_pass.h"
#include "daemon/liveness.h"
#include "daemon/account_open.h"
#include "imap/backoff.h"

namespace politeno::daemon {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Servers drop idlers after 30 minutes (RFC 2177); IDLE is renewed before that.
constexpr std::chrono::minutes kIdleRenew{25};

enum class WorkerState { kConnecting, kPassing, kWaiting, kBackingOff, kFailed, kStopped };

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

// One account's worker: what the service needs to see of it and to interrupt it.
struct Worker {
  size_t index = 0;
  std::string name;
  WorkerState state = WorkerState::kConnecting;
  bool attempted = false;  // its first pass has been attempted
  bool stop = false;
  imap::Client* client = nullptr;  // while connected
  std::unique_ptr<asio::steady_timer> sleeper;
  imap::Backoff backoff;
  MailboxProgress dry_run_progress;

  void interrupt() {
    stop = true;
    if (sleeper) sleeper->cancel();
    if (client) client->interrupt_idle();
  }
};

class Service::Impl {
 public:
  Impl(StateStore& store, Notifier& notifier, const Log& log, ProfileLoader loader, ServiceOptions options)
      : store_(store), notifier_(notifier), log_(log), loader_(std::move(loader)), options_(options),
        random_(std::random_device{}()) {}

  int run(std::shared_ptr<const Profile> profile) {
    asio::io_context ctx;
    imap::CurlMulti multi(ctx);
    ctx_ = &ctx;
    multi_ = &multi;
    done_ = std::make_unique<asio::steady_timer>(ctx);
    asio::signal_set signals(ctx, SIGTERM, SIGINT, SIGHUP);
    signals_ = &signals;
    const std::optional<std::chrono::microseconds> watchdog = notifier_.watchdog_interval();
    asio::steady_timer watchdog_timer(ctx);

    start_workers(std::move(profile));
    asio::co_spawn(ctx, handle_signals(), asio::detached);
    if (watchdog) asio::co_spawn(ctx, ping_watchdog(watchdog_timer, *watchdog / 2), asio::detached);
    ctx.run();
    workers_.clear();  // everything made on ctx goes before it
    done_.reset();
    log_.info("stopped");
    return 0;
  }

 private:
  void start_workers(std::shared_ptr<const Profile> profile) {
    profile_ = std::move(profile);
    workers_.clear();
    liveness_.clear();
    ready_sent_ = false;
    for (size_t i = 0; i < profile_->config.accounts.size(); ++i) {
      auto w = std::make_unique<Worker>();
      w->index = i;
      w->name = profile_->config.accounts[i].name;
      w->sleeper = std::make_unique<asio::steady_timer>(*ctx_);
      workers_.push_back(std::move(w));
    }
    running_ = workers_.size();
    for (auto& w : workers_) {
      Worker* worker = w.get();
      asio::co_spawn(*ctx_, work(*worker, profile_), [this, worker](std::exception_ptr e) {
        if (e) {
          try {
            std::rethrow_exception(e);
          } catch (const std::exception& ex) {
            log_.error("account=" + worker->name + " error=\"internal: " + std::string(ex.what()) + "\"");
          } catch (...) {
            log_.error("account=" + worker->name + " error=\"internal: an unknown exception\"");
          }
        }
        worker->client = nullptr;
        liveness_.release(worker->name);
        // A worker ended by an internal error has failed; otherwise it was stopped.
        if (worker->state != WorkerState::kFailed) set_state(*worker, e ? WorkerState::kFailed : WorkerState::kStopped);
        if (--running_ == 0) done_->cancel();
      });
    }
    status();
  }

  // The whole life of one account's worker.
  awaitable<void> work(Worker& w, std::shared_ptr<const Profile> profile) {
    const config::Config& cfg = profile->config;
    const config::Account& account = cfg.accounts[w.index];
    PassOptions pass;
    pass.dry_run = cfg.dry_run || options_.dry_run;
    pass.backfill_days = options_.backfill_days >= 0 ? options_.backfill_days : cfg.backfill_days;
    pass.stop_requested = [&w] { return w.stop; };
    pass.progress = [this, &w] { liveness_.promise(w.name, SteadyClock::now() + options_.pass_promise + options_.promise_margin); };
    pass.dry_run_progress = &w.dry_run_progress;

    while (!w.stop) {
      set_state(w, WorkerState::kConnecting);
      liveness_.promise(w.name, SteadyClock::now() + std::chrono::minutes(1) + options_.promise_margin);
      AccountOpen opened = co_await open_account(*multi_, account);
      if (opened.ec && w.stop) break;  // aborted by a shutdown; nothing to report
      if (opened.ec) {
        if (!pass.dry_run) store_.record_pass(account.name, unix_now(), opened.detail);
        if (imap::retry_policy(opened.ec) == imap::RetryPolicy::kFinal) {
          log_.error("account=" + account.name + " error=\"" + opened.detail +
                     "\" action=\"account stopped until the config is fixed and reloaded\"");
          set_state(w, WorkerState::kFailed);
          liveness_.release(w.name);
          co_return;
        }
        const std::chrono::milliseconds delay = w.backoff.next(jitter());
        log_.warning("account=" + account.name + " error=\"" + opened.detail + "\" retry_in=" +
                     std::to_string((delay.count() + 999) / 1000) + "s");
        set_state(w, WorkerState::kBackingOff);
        co_await pause(w, WorkerState::kBackingOff, delay);
        continue;
      }
      std::unique_ptr<imap::Client> client = std::move(opened.client);
      w.client = client.get();
      const bool reconnect = co_await watch(w, *client, profile, pass);
      if (w.stop) {
        set_state(w, WorkerState::kStopped);
        co_await client->logout();  // w.client stays set: a stalled LOGOUT can be aborted
        w.client = nullptr;
        co_return;
      }
      w.client = nullptr;
      client.reset();
      if (reconnect) {
        const std::chrono::milliseconds delay = w.backoff.next(jitter());
        co_await pause(w, WorkerState::kBackingOff, delay);
      }
    }
  }

  // Passes and waits on one connection; returns when it should be reopened (true) or the
  // worker is stopping.
  awaitable<bool> watch(Worker& w, imap::Client& client, const std::shared_ptr<const Profile>& profile,
                        const PassOptions& pass) {
    const config::Config& cfg = profile->config;
    const config::Account& account = cfg.accounts[w.index];
    const bool use_idle = account.idle && client.has("IDLE");
    while (!w.stop) {
      set_state(w, WorkerState::kPassing);
      liveness_.promise(w.name, SteadyClock::now() + options_.pass_promise + options_.promise_margin);
      const auto now = std::chrono::system_clock::now();
      const PassStats stats =
          co_await run_pass(client, cfg, account, profile->classifiers[w.index], store_, pass, now, log_);
      if (!pass.dry_run && !stats.stopped) store_.record_pass(account.name, unix_now(), stats.error);
      totals_.decided += stats.decided;
      totals_.drafted += stats.drafted;
      totals_.moved += stats.moved;
      if (!stats.error.empty()) {  // logged by the pass; reconnect after a pause
        set_state(w, WorkerState::kBackingOff);
        co_return true;
      }
      w.backoff.reset();
      if (w.stop) co_return false;
      // Mail that arrived during the pass was announced (EXISTS) with some command's
      // answer, and no IDLE will announce it again: look once more before waiting.
      client.clear_exists();
      const std::string since = "UID " + std::to_string(std::max<uint32_t>(stats.next_uid, 1)) + ":*";
      const imap::Result<std::vector<uint32_t>> fresh = co_await client.uid_search(since);
      if (fresh.ec) {
        log_.warning("account=" + account.name + " warning=\"connection lost after a pass: " + fresh.ec.message() +
                     "\" action=reconnect");
        co_return true;
      }
      bool arrived = client.exists_seen();
      for (uint32_t uid : fresh.value) arrived |= uid >= stats.next_uid;
      if (arrived && stats.next_uid != 0) {  // pass again at once
        attempted(w);
        continue;
      }
      set_state(w, WorkerState::kWaiting);
      if (use_idle) {
        liveness_.promise(w.name, SteadyClock::now() + kIdleRenew + std::chrono::minutes(1) + options_.promise_margin);
        const imap::Result<bool> news = co_await client.idle(kIdleRenew);
        if (news.ec) {
          log_.warning("account=" + account.name + " warning=\"connection lost while idle: " + news.ec.message() +
                       "\" action=reconnect");
          co_return true;
        }
      } else {
        co_await pause(w, WorkerState::kWaiting, account.poll_interval);
      }
    }
    co_return false;
  }

  // Sleeps `d` unless stopped meanwhile.
  awaitable<void> pause(Worker& w, WorkerState state, std::chrono::milliseconds d) {
    if (w.stop) co_return;
    set_state(w, state);
    liveness_.promise(w.name, SteadyClock::now() + d + options_.promise_margin);
    w.sleeper->expires_after(d);
    boost::system::error_code ignored;
    co_await w.sleeper->async_wait(asio::redirect_error(use_awaitable, ignored));
  }

  double jitter() { return std::uniform_real_distribution<double>(0.0, 1.0)(random_); }

  // A worker that waits, backs off or has failed has attempted its first pass (whatever
  // came of it); one merely stopped, for a reload or a shutdown, has not.
  void set_state(Worker& w, WorkerState s) {
    if (w.state != s) {
      w.state = s;
      status();
    }
    if (s == WorkerState::kWaiting || s == WorkerState::kBackingOff || s == WorkerState::kFailed) attempted(w);
  }

  // READY once every worker has attempted its first pass (after a start or a reload).
  void attempted(Worker& w) {
    if (w.attempted) return;
    w.attempted = true;
    for (const auto& other : workers_)
      if (!other->attempted) return;
    if (!ready_sent_ && !stopping_) {
      ready_sent_ = true;
      notifier_.notify("READY=1\nSTATUS=" + summary());
      log_.info("ready: " + summary());
    }
  }

  std::string summary() const {
    size_t watching = 0, busy = 0, retrying = 0, failed = 0;
    for (const auto& w : workers_) {
      switch (w->state) {
        case WorkerState::kWaiting: ++watching; break;
        case WorkerState::kConnecting:
        case WorkerState::kPassing: ++busy; break;
        case WorkerState::kBackingOff: ++retrying; break;
        case WorkerState::kFailed: ++failed; break;
        case WorkerState::kStopped: break;
      }
    }
    std::string s = std::to_string(workers_.size()) + (workers_.size() == 1 ? " account: " : " accounts: ") +
                    std::to_string(watching) + " watching, " + std::to_string(busy) + " busy, " +
                    std::to_string(retrying) + " retrying, " + std::to_string(failed) + " failed; " +
                    std::to_string(totals_.decided) + " decided, " + std::to_string(totals_.moved) + " filed, " +
                    std::to_string(totals_.drafted) + " drafted since start";
    if (!reload_error_.empty()) s += "; last reload failed: " + reload_error_;
    return s;
  }

  void status() {
    const std::string s = summary();
    if (s == last_status_) return;
    last_status_ = s;
    notifier_.notify("STATUS=" + s);
  }

  awaitable<void> handle_signals() {
    for (;;) {
      boost::system::error_code ec;
      const int signal = co_await signals_->async_wait(asio::redirect_error(use_awaitable, ec));
      if (ec) co_return;
      if (signal == SIGHUP) {
        co_await reload();
        continue;
      }
      co_await shutdown(signal);
      co_return;
    }
  }

  // Waits until every worker has ended.
  awaitable<void> workers_done() {
    if (running_ == 0) co_return;
    done_->expires_at(SteadyClock::time_point::max());
    boost::system::error_code ignored;
    co_await done_->async_wait(asio::redirect_error(use_awaitable, ignored));
  }

  awaitable<void> reload() {
    timespec mono{};
    clock_gettime(CLOCK_MONOTONIC, &mono);
    const long long usec = static_cast<long long>(mono.tv_sec) * 1000000 + mono.tv_nsec / 1000;
    notifier_.notify("RELOADING=1\nMONOTONIC_USEC=" + std::to_string(usec));
    log_.info("reloading the configuration");
    std::shared_ptr<const Profile> next;
    try {
      next = loader_();
    } catch (const config::ConfigError& e) {
      reload_error_ = e.what();
    } catch (const std::exception& e) {
      reload_error_ = e.what();
    }
    if (!next) {
      log_.error("error=\"reload failed: " + reload_error_ + "\" action=\"the previous configuration stays in effect\"");
      notifier_.notify("READY=1\nSTATUS=" + summary());
      co_return;
    }
    reload_error_.clear();
    co_await stop_workers();
    if (stopping_) co_return;
    start_workers(std::move(next));  // READY=1 again once each account's first pass is attempted
    log_.info("reloaded: " + std::to_string(profile_->config.accounts.size()) + " accounts");
  }

  awaitable<void> shutdown(int signal) {
    stopping_ = true;
    notifier_.notify("STOPPING=1");
    log_.info(std::string("stopping on ") + (signal == SIGTERM ? "SIGTERM" : "SIGINT"));
    co_await stop_workers();
    if (watchdog_timer_) watchdog_timer_->cancel();
  }

  // Stops every worker: batches in flight are finished and connections logged out; a
  // server that stalls beyond the grace period has its connection dropped (the state is
  // crash-safe, so nothing is lost either way).
  awaitable<void> stop_workers() {
    for (auto& w : workers_) w->interrupt();
    asio::steady_timer grace(*ctx_, options_.stop_grace);
    grace.async_wait([this](boost::system::error_code ec) {
      if (ec) return;
      log_.warning("warning=\"a server did not answer in time; dropping its connection\"");
      multi_->abort_all();  // connects and logins in progress
      for (auto& w : workers_)
        if (w->client) w->client->abort();
    });
    co_await workers_done();
    grace.cancel();
  }

  awaitable<void> ping_watchdog(asio::steady_timer& timer, std::chrono::microseconds every) {
    watchdog_timer_ = &timer;
    bool complained = false;
    while (!stopping_) {
      const auto now = SteadyClock::now();
      if (liveness_.healthy(now)) {
        notifier_.notify("WATCHDOG=1");
        complained = false;
      } else if (!complained) {
        complained = true;
        std::string stuck;
        for (const std::string& name : liveness_.overdue(now)) stuck += (stuck.empty() ? "" : ",") + name;
        log_.error("error=\"no progress from account(s) " + stuck + "; withholding the watchdog ping\"");
      }
      timer.expires_after(every);
      boost::system::error_code ec;
      co_await timer.async_wait(asio::redirect_error(use_awaitable, ec));
    }
    watchdog_timer_ = nullptr;
  }

  StateStore& store_;
  Notifier& notifier_;
  const Log& log_;
  ProfileLoader loader_;
  const ServiceOptions options_;
  std::mt19937_64 random_;

  asio::io_context* ctx_ = nullptr;
  imap::CurlMulti* multi_ = nullptr;
  asio::signal_set* signals_ = nullptr;
  asio::steady_timer* watchdog_timer_ = nullptr;
  std::unique_ptr<asio::steady_timer> done_;

  std::shared_ptr<const Profile> profile_;
  std::vector<std::unique_ptr<Worker>> workers_;
  size_t running_ = 0;
  Liveness liveness_;
  bool ready_sent_ = false;
  bool stopping_ = false;
  std::string reload_error_;
  std::string last_status_;
  struct {
    size_t decided = 0, drafted = 0, moved = 0;
  } totals_;
};

Service::Service(StateStore& store, Notifier& notifier, const Log& log, ProfileLoader loader, ServiceOptions options)
    : impl_(std::make_unique<Impl>(store, notifier, log, std::move(loader), options)) {}

Service::~Service() = default;

int Service::run(std::shared_ptr<const Profile> profile) { return impl_->run(std::move(profile)); }

}  // namespace politeno::daemon
