#include "jobs/mail/send_mail.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "components/mail/mail_queue.h"
#include "components/mail/message_json.h"

namespace ensemble::jobs {
namespace {

bool SameAddress(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// The message for the recipients in `keep` only, each left in the list (to, cc, bcc) it was in,
// with the same Message-ID: a second attempt of the same message.
mail::Message ForRecipients(const mail::Message& message, const std::vector<std::string>& keep) {
  const auto kept = [&](std::vector<mail::Mailbox> boxes) {
    std::erase_if(boxes, [&](const mail::Mailbox& box) {
      return std::none_of(keep.begin(), keep.end(), [&](const std::string& address) {
        return SameAddress(address, box.address);
      });
    });
    return boxes;
  };
  mail::Message copy = message;
  copy.to = kept(message.to);
  copy.cc = kept(message.cc);
  copy.bcc = kept(message.bcc);
  return copy;
}

}  // namespace

JobHandler SendMailHandler(storage::Database& database, const Clock& clock, mail::Mailer* mailer) {
  return [&database, &clock, mailer](JobContext& context) -> Status {
    if (mailer == nullptr) {
      context.Postpone(clock.Now() + kMailPostponedFor,
                       "no SMTP host is configured on this server (--smtp-host)");
      return Ok();
    }
    const storage::Job& job = context.job();
    auto message = mail::FromJson(job.payload);
    if (!message) {
      context.FailForGood();
      return std::unexpected(std::move(message).error().WithContext("reading the queued mail"));
    }
    auto delivery = mailer->Send(*message);
    if (!delivery) {
      if (mail::RetryOf(delivery.error()) == mail::Retry::kPermanent) context.FailForGood();
      return std::unexpected(std::move(delivery).error());
    }
    std::vector<std::string> again;
    for (const auto& refusal : delivery->refused) {
      if (refusal.retry == mail::Retry::kTransient) {
        again.push_back(refusal.address);
      } else {
        spdlog::warn("mail job {}: {} refused for good: {}", job.id, refusal.address,
                     refusal.reply);
      }
    }
    if (again.empty()) return Ok();
    const auto queued = ENSEMBLE_TRY(database.InTransaction(
        storage::TransactionMode::kWrite, storage::Scope::WholeDatabase(),
        [&](storage::Transaction& tx) {
          const UnixMillis now = clock.Now();
          return mail::QueueMailAt(tx, ForRecipients(*message, again), job.owner_structure_id, now,
                                   now + kMailRefusedRecipientsAfter);
        }));
    spdlog::info("mail job {}: {} recipients refused for now, queued again as job {}", job.id,
                 again.size(), queued);
    return Ok();
  };
}

}  // namespace ensemble::jobs
