// Builds the drafted reply to a request: a complete RFC 5322 message, threaded to the
// original, that the user reviews and sends from their own mail client. Pure.
#pragma once

#include <chrono>
#include <string>

#include "mail/message.h"

namespace politeno::reply {

struct DraftInput {
  const mail::Message* original = nullptr;
  std::string from_name;      // identity.name
  std::string from_address;   // the identity address the request was sent to
  std::string body;           // the rendered template (UTF-8, LF line ends)
  bool quote_original = true;
  std::chrono::system_clock::time_point now;
};

struct Draft {
  std::string bytes;       // the whole message, CRLF line ends
  std::string message_id;  // without brackets; derived from the original's
  std::string to;          // the address replied to
  std::string subject;     // decoded
};

// The Message-ID a draft for `original` gets: the same for every attempt, so that a
// retry after a crash finds the draft instead of making another.
std::string draft_message_id(const mail::Message& original, const std::string& domain);

// "Re: " + the subject, without doubling an existing "Re:"/"RE:"/"Aw:"/"Sv:" prefix.
std::string reply_subject(const std::string& subject);

// Composes the draft. Nothing taken from the original's headers can add a header or a
// line: every value is stripped of control characters, non-ASCII text is RFC 2047
// encoded, Message-IDs that are not well-formed are left out of the threading headers.
Draft compose_draft(const DraftInput& in);

}  // namespace politeno::reply
