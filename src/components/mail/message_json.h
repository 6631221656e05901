// A Message as JSON, so that the queue of outgoing mail can store it as a job's payload and its
// handler rebuild it for Mailer::Send. Attachments' bytes are base64. FromJson is strict: an
// unknown key, a missing required one or a value of the wrong type is refused naming it, so
// that a payload written by another version fails loudly rather than sending half a message.
// (Of two equal keys Boost.JSON 1.81 keeps the last; the payloads are our own.) Pure functions;
// thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "components/mail/message.h"
#include "core/error.h"

namespace ensemble::mail {

// {"from": {"address", "name"}, "to": [...], "cc": [...], "bcc": [...], "reply_to": {...} or
//  null, "subject", "text", "html": "..." or null, "attachments": [{"filename",
//  "content_type", "content_base64"}], "message_id"}
std::string ToJson(const Message& message);

// kInvalidArgument naming the key ("to[2].address", "attachments[0].content_base64") when the
// JSON is not a message. It does not check the message itself: Render does.
Result<Message> FromJson(std::string_view json);

}  // namespace ensemble::mail
