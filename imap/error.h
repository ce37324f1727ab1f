// The IMAP layer's closed set of errors, and what each means for retrying.
#pragma once

#include <string>
#include <system_error>

namespace politeno::imap {

enum class Errc {
  kOk = 0,
  kAuthFailed,       // credentials refused: final for the account until the config changes
  kTlsFailed,        // handshake or certificate verification failed: final until fixed
  kConnectFailed,    // DNS, refused, unreachable: temporary
  kTimeout,          // a deadline passed: temporary
  kConnectionLost,   // the peer closed or reset mid-command: temporary
  kServerBye,        // BYE (shutdown, overload): temporary
  kProtocol,         // the server sent something unparseable: temporary (reconnect)
  kNo,               // NO for one command: that command failed
  kBad,              // BAD for one command: that command failed
  kTooLarge,         // a response or literal beyond our limits
  kUnsupported,      // the server lacks a needed capability
  kCancelled,        // shutting down
};

const std::error_category& imap_category();
std::error_code make_error_code(Errc e);

// What a caller does about an error.
enum class RetryPolicy { kNone, kRetryCommand, kReconnect, kFinal };
RetryPolicy retry_policy(std::error_code ec);

}  // namespace politeno::imap

template <>
struct std::is_error_code_enum<politeno::imap::Errc> : std::true_type {};
