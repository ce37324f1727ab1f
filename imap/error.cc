#include "imap/error.h"

namespace politeno::imap {
namespace {

class Category : public std::error_category {
 public:
  const char* name() const noexcept override { return "imap"; }
  std::string message(int v) const override {
    switch (static_cast<Errc>(v)) {
      case Errc::kOk: return "success";
      case Errc::kAuthFailed: return "the server refused the login";
      case Errc::kTlsFailed: return "TLS failed";
      case Errc::kConnectFailed: return "cannot connect to the server";
      case Errc::kTimeout: return "the server did not answer in time";
      case Errc::kConnectionLost: return "the connection was lost";
      case Errc::kServerBye: return "the server closed the session (BYE)";
      case Errc::kProtocol: return "the server's response could not be parsed";
      case Errc::kNo: return "the server refused the command (NO)";
      case Errc::kBad: return "the server rejected the command (BAD)";
      case Errc::kTooLarge: return "a response exceeded politeno's size limit";
      case Errc::kUnsupported: return "the server lacks a needed capability";
      case Errc::kCancelled: return "cancelled";
      case Errc::kTlsHandshake: return "the TLS handshake broke off";
      case Errc::kServerUnavailable: return "the server cannot log anyone in just now (UNAVAILABLE)";
      case Errc::kSecretUnavailable: return "the password or token could not be read";
      case Errc::kSecretInsecure: return "the password file is readable by others";
    }
    return "unknown IMAP error";
  }
};

}  // namespace

const std::error_category& imap_category() {
  static const Category c;
  return c;
}

std::error_code make_error_code(Errc e) { return {static_cast<int>(e), imap_category()}; }

// The table: final only when retrying cannot help before someone changes something - a
// password the server refused, a certificate that does not verify, a missing capability,
// a secret file others can read. Everything else (resets, timeouts, refused connections,
// a slow or failing secret command, a server saying UNAVAILABLE) is retried, forever,
// with backoff.
RetryPolicy retry_policy(std::error_code ec) {
  if (!ec) return RetryPolicy::kNone;
  if (ec.category() != imap_category()) return RetryPolicy::kReconnect;
  switch (static_cast<Errc>(ec.value())) {
    case Errc::kOk: return RetryPolicy::kNone;
    case Errc::kAuthFailed:
    case Errc::kTlsFailed:
    case Errc::kUnsupported:
    case Errc::kSecretInsecure:
      return RetryPolicy::kFinal;
    case Errc::kNo:
    case Errc::kBad:
    case Errc::kTooLarge:
      return RetryPolicy::kRetryCommand;
    case Errc::kCancelled:
      return RetryPolicy::kNone;
    case Errc::kConnectFailed:
    case Errc::kTimeout:
    case Errc::kConnectionLost:
    case Errc::kServerBye:
    case Errc::kProtocol:
    case Errc::kTlsHandshake:
    case Errc::kServerUnavailable:
    case Errc::kSecretUnavailable:
      return RetryPolicy::kReconnect;
  }
  return RetryPolicy::kReconnect;
}

}  // namespace politeno::imap
