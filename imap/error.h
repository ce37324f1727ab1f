// The IMAP layer's closed set of errors, and what each means for retrying.
#pragma once

#include <string>
#include <system_error>

namespace politeno::imap {

// Opening an account can also fail before IMAP: its secret (see daemon/account_open.h).
// What each error means for retrying is decided in one place, retry_policy().
enum class Errc {
  kOk = 0,
  kAuthFailed,         // credentials refused by the server: final until the config changes
  kTlsFailed,          // the certificate does not verify (or a CA file is unusable): final
  kConnectFailed,      // DNS, refused, unreachable: temporary
  kTimeout,            // a deadline passed: temporary
  kConnectionLost,     // the peer closed or reset mid-command: temporary
  kServerBye,          // BYE (shutdown, overload): temporary
  kProtocol,           // the server sent something unparseable: temporary (reconnect)
  kNo,                 // NO for one command: that command failed
  kBad,                // BAD for one command: that command failed
  kTooLarge,           // a response or literal beyond our limits
  kUnsupported,        // the server lacks a needed capability (STARTTLS included): final
  kCancelled,          // shutting down
  kTlsHandshake,       // the TLS handshake broke off (a reset, an overloaded server): temporary
  kServerUnavailable,  // the login was refused as [UNAVAILABLE]: temporary
  kSecretUnavailable,  // the secret could not be read now (command failed or slow, file missing): temporary
  kSecretInsecure,     // the secret's file is readable by others: final until fixed
};

const std::error_category& imap_category();
std::error_code make_error_code(Errc e);

// What a caller does about an error.
enum class RetryPolicy { kNone, kRetryCommand, kReconnect, kFinal };
RetryPolicy retry_policy(std::error_code ec);

}  // namespace politeno::imap

template <>
struct std::is_error_code_enum<politeno::imap::Errc> : std::true_type {};
