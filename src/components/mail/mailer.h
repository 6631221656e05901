// The seam through which every module sends e-mail: a module holds a Mailer& and calls Send;
// the program gives it an SmtpMailer (smtp_mailer.h), tests of code that only needs to know a
// mail was asked for give it a RecordingMailer (recording_mailer.h). The queue of outgoing mail
// stores a Message as JSON (message_json.h) and calls Send from its job handler, retrying when
// IsTransient says so.
#pragma once

#include <string>
#include <vector>

#include "components/mail/message.h"
#include "core/error.h"

namespace ensemble::mail {

// Whether trying again later may succeed: SMTP 4xx replies, refused or lost connections and
// timeouts are transient; 5xx replies, a refused certificate and refused credentials are not.
enum class Retry { kTransient, kPermanent };

// One recipient the server refused while accepting the message for others.
struct RecipientRefusal {
  std::string address;
  int code = 0;       // the SMTP reply code, 450 or 550 for example
  std::string reply;  // the server's text, for the log
  Retry retry = Retry::kPermanent;
};

// What a successful Send achieved: the server took responsibility for the message for the
// accepted recipients. Refused ones, if any, are listed; the caller decides whether to queue a
// copy for the transient ones.
struct Delivery {
  std::string message_id;  // as rendered, without angle brackets
  std::vector<std::string> accepted;
  std::vector<RecipientRefusal> refused;
};

// Implementations say in their header whether one instance may be used from several threads.
class Mailer {
 public:
  virtual ~Mailer() = default;

  // Sends the message to all its envelope recipients (to, cc, bcc). A failure is an Error whose
  // code says whether to retry: kUnavailable when a later attempt may succeed (a 4xx reply, a
  // connection refused, lost or timed out); otherwise kInvalidArgument when the message or every
  // recipient was refused for good (a 5xx reply, or a message that does not render; `field`
  // names the part: "from", "to", "message", or the message field at fault), kPermissionDenied
  // when the server refused our credentials or its certificate was refused, or it lacks the
  // STARTTLS or AUTH the options ask for (the operator must change the configuration; `field`
  // names the option).
  virtual Result<Delivery> Send(const Message& message) = 0;
};

// The Retry an error of Send stands for.
inline Retry RetryOf(const Error& error) {
  return error.code == ErrorCode::kUnavailable ? Retry::kTransient : Retry::kPermanent;
}

}  // namespace ensemble::mail
