// How a decision is kept in the state: the message's key, its sender, the verdict and
// flags, P(request), the model's version and the compact features the model saw.
#pragma once

#include <string>

#include "classifier/classifier.h"
#include "daemon/state_store.h"
#include "mail/message.h"

namespace politeno::daemon {

// The message's Message-ID, or, when it has none, a key derived from what identifies it
// (From, Date, Subject): stable across UIDVALIDITY changes.
std::string message_key(const mail::Message& m);

// A record of `d` about `m` (account, uid and step are the caller's to set).
MessageRecord decision_record(const mail::Message& m, const classifier::Decision& d, const classifier::Classifier& clf);

// "transactional,reputation" or "".
std::string flags_text(const classifier::Decision& d);

}  // namespace politeno::daemon
