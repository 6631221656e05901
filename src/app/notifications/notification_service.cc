#include "app/notifications/notification_service.h"

#include <fmt/format.h>

#include "components/mail/mail_queue.h"

namespace ensemble::notifications {
namespace {

using storage::Scope;
using storage::Transaction;
using storage::TransactionMode;

std::unexpected<Error> NoSuchNotification() {
  return Fail(ErrorCode::kNotFound, "notifications.not_found", "notification");
}

Status CheckParams(const boost::json::object& params, std::string& serialized) {
  for (const auto& [key, value] : params) {
    if (!(value.is_string() || value.is_number() || value.is_bool() || value.is_null())) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"notifications.params.nested", {{"name", std::string_view(key)}}},
                  "params");
    }
  }
  serialized = boost::json::serialize(params);
  if (serialized.size() > kMaxParamsBytes) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"notifications.params.too_large", {{"max", kMaxParamsBytes}}}, "params");
  }
  return Ok();
}

// A path of the app: "/…", not "//host" (another site), no backslash, no control character nor
// space, so that a link in a mail or a page never leaves Ensemble.
Status CheckLink(std::string_view link) {
  const bool path = link.size() >= 1 && link.size() <= kMaxLinkBytes && link.front() == '/' &&
                    !link.starts_with("//");
  bool clean = true;
  for (const char c : link) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte == 0x7f || c == '\\') clean = false;
  }
  if (!path || !clean) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"notifications.link.invalid", {{"max", kMaxLinkBytes}}}, "link");
  }
  return Ok();
}

std::unexpected<Error> UnknownKind(std::string_view code) {
  return Fail(ErrorCode::kInvalidArgument, Message{"notifications.kind.unknown", {{"kind", code}}},
              "kind");
}

}  // namespace

Result<Channel> ChannelOf(Transaction& tx, tenancy::PersonId person, const NotificationKind& kind) {
  const auto chosen = ENSEMBLE_TRY(tx.Notifications().ChannelFor(person, kind.code));
  if (!chosen) return kind.default_channel;
  const auto channel = ParseChannel(*chosen);
  if (!channel) {
    return Internal(fmt::format("unknown channel '{}' in the database", *chosen));
  }
  return *channel;
}

// The language of her mails: the one her notification settings name, else her own language.
Result<Language> MailLanguageOf(Transaction& tx, const tenancy::Person& recipient) {
  const auto chosen = ENSEMBLE_TRY(tx.Notifications().Language(recipient.id));
  if (!chosen) return recipient.language;
  return ParseLanguage(*chosen).value_or(recipient.language);
}

NotificationService::NotificationService(storage::Database& database, const Clock& clock,
                                         const NotificationKindRegistry& kinds, MailSettings mail)
    : database_(database), clock_(clock), kinds_(kinds), mail_(std::move(mail)) {}

Result<Channel> NotificationService::Notify(Transaction& tx, tenancy::PersonId person,
                                            std::string_view kind_code,
                                            const boost::json::object& params,
                                            std::string_view link,
                                            std::optional<tenancy::StructureId> owner) {
  const NotificationKind* kind = kinds_.Find(kind_code);
  if (kind == nullptr) return UnknownKind(kind_code);
  std::string serialized;
  ENSEMBLE_TRY_STATUS(CheckParams(params, serialized));
  ENSEMBLE_TRY_STATUS(CheckLink(link));
  const auto recipient = ENSEMBLE_TRY(tx.Tenancy().FindPerson(person));
  if (!recipient) return Fail(ErrorCode::kNotFound, "notifications.person_not_found", "person");
  const Channel channel = ENSEMBLE_TRY(ChannelOf(tx, person, *kind));
  if (channel == Channel::kOff) return channel;
  const UnixMillis now = clock_.Now();
  storage::NewNotification row;
  row.person_id = person;
  row.owner_structure_id = owner;
  row.kind = kind->code;
  row.params = std::move(serialized);
  row.link = std::string(link);
  row.channel = std::string(ToString(channel));
  row.created_at = now;
  ENSEMBLE_TRY_STATUS(tx.Notifications().InsertNotification(row));
  if (channel == Channel::kEmailNow) {
    const Language language = ENSEMBLE_TRY(MailLanguageOf(tx, *recipient));
    const mail::Message message =
        ImmediateMail(mail_, {recipient->email, recipient->display_name}, language, kinds_,
                      {kind->code, std::string(link), now});
    ENSEMBLE_TRY(mail::QueueMail(tx, message, owner, now));
  }
  return channel;
}

Result<Page<storage::Notification>> NotificationService::List(tenancy::PersonId person,
                                                              bool unread_only, PageRequest page) {
  if (page.limit < 1 || page.limit > kMaxPageSize) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"notifications.page.limit", {{"max", kMaxPageSize}}}, "limit");
  }
  if (page.offset < 0) {
    return Fail(ErrorCode::kInvalidArgument, "core.page.negative_offset", "offset");
  }
  return database_.InTransaction(
      TransactionMode::kRead, Scope::OwnPlatformLines(person), [&](Transaction& tx) {
        return tx.Notifications().ListNotifications(person, unread_only, page);
      });
}

Status NotificationService::MarkRead(tenancy::PersonId person, storage::NotificationId id) {
  return database_.InTransaction(
      TransactionMode::kWrite, Scope::OwnPlatformLines(person), [&](Transaction& tx) -> Status {
        if (!ENSEMBLE_TRY(tx.Notifications().MarkRead(person, id, clock_.Now()))) {
          return NoSuchNotification();
        }
        return Ok();
      });
}

Result<std::int64_t> NotificationService::MarkAllRead(tenancy::PersonId person) {
  return database_.InTransaction(
      TransactionMode::kWrite, Scope::OwnPlatformLines(person),
      [&](Transaction& tx) { return tx.Notifications().MarkAllRead(person, clock_.Now()); });
}

Result<Settings> NotificationService::GetSettings(tenancy::PersonId person) {
  return database_.InTransaction(
      TransactionMode::kRead, Scope::OwnPlatformLines(person),
      [&](Transaction& tx) -> Result<Settings> {
        Settings settings;
        const auto her = ENSEMBLE_TRY(tx.Tenancy().FindPerson(person));
        if (!her) {
          return Fail(ErrorCode::kNotFound, "notifications.person_not_found", "person");
        }
        settings.language = ENSEMBLE_TRY(MailLanguageOf(tx, *her));
        const auto chosen = ENSEMBLE_TRY(tx.Notifications().ChannelSettings(person));
        for (const NotificationKind& kind : kinds_.All()) {
          KindSetting setting{kind.code, kind.default_channel, false};
          for (const auto& row : chosen) {
            if (row.kind != kind.code) continue;
            if (const auto channel = ParseChannel(row.channel)) {
              setting.channel = *channel;
              setting.chosen = true;
            }
          }
          settings.kinds.push_back(std::move(setting));
        }
        return settings;
      });
}

Status NotificationService::SetSetting(tenancy::PersonId person, std::string_view kind,
                                       std::string_view channel) {
  if (kinds_.Find(kind) == nullptr) return UnknownKind(kind);
  const auto parsed = ParseChannel(channel);
  if (!parsed) {
    return Fail(ErrorCode::kInvalidArgument, "notifications.channel.unknown", "channel");
  }
  return database_.InTransaction(
      TransactionMode::kWrite, Scope::OwnPlatformLines(person), [&](Transaction& tx) {
        return tx.Notifications().SetChannel(person, std::string(kind),
                                             std::string(ToString(*parsed)), clock_.Now());
      });
}

Status NotificationService::SetLanguage(tenancy::PersonId person, std::string_view language) {
  const auto parsed = ParseLanguage(language);
  if (!parsed) {
    return Fail(ErrorCode::kInvalidArgument, "core.language.unknown", "language");
  }
  return database_.InTransaction(
      TransactionMode::kWrite, Scope::OwnPlatformLines(person), [&](Transaction& tx) {
        return tx.Notifications().SetLanguage(person, std::string(ToString(*parsed)), clock_.Now());
      });
}

}  // namespace ensemble::notifications
