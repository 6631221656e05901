#include "components/calendar/event.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "core/text.h"

namespace ensemble::calendar {
namespace {

using std::chrono::days;
using std::chrono::local_days;

// Years an iCalendar DATE can carry with four digits, narrowed to what a social centre plans.
constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2999;

bool IsTimed(const Moment& moment) { return std::holds_alternative<LocalTime>(moment); }

Day DayOf(const Moment& moment) {
  if (const auto* day = std::get_if<Day>(&moment)) {
    return *day;
  }
  return Day{std::chrono::floor<days>(std::get<LocalTime>(moment))};
}

Status CheckMoment(std::string_view field, const Moment& moment) {
  const Day day = DayOf(moment);
  if (!day.ok()) {
    return Fail(ErrorCode::kInvalidArgument, "calendar.event.no_such_date", std::string(field));
  }
  const int year = static_cast<int>(day.year());
  if (year < kFirstYear || year > kLastYear) {
    return Fail(
        ErrorCode::kInvalidArgument,
        Message{"calendar.event.year_range",
                {{"first", std::to_string(kFirstYear)}, {"last", std::to_string(kLastYear)}}},
        std::string(field));
  }
  return Ok();
}

// Same kind as the start: a timed event's exception dates are times, an all-day event's days.
Status CheckSameKind(std::string_view field, const Moment& start, const Moment& other) {
  if (IsTimed(start) != IsTimed(other)) {
    return Fail(
        ErrorCode::kInvalidArgument,
        Message{IsTimed(start) ? "calendar.event.must_be_time" : "calendar.event.must_be_day"},
        std::string(field));
  }
  return CheckMoment(field, other);
}

bool IsUidLocalChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

bool IsDomainLabel(std::string_view label) {
  if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-') {
    return false;
  }
  return std::ranges::all_of(label, [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool IsDomainName(std::string_view domain) {
  if (domain.empty()) {
    return false;
  }
  std::size_t begin = 0;
  while (true) {
    const std::size_t dot = domain.find('.', begin);
    const std::string_view label =
        domain.substr(begin, dot == std::string_view::npos ? std::string_view::npos : dot - begin);
    if (!IsDomainLabel(label)) {
      return false;
    }
    if (dot == std::string_view::npos) {
      return true;
    }
    begin = dot + 1;
  }
}

// A URL readers can open: http or https, printable ASCII without spaces (non-ASCII parts are
// to be percent-encoded by whoever builds the link).
Status CheckUrl(std::string_view field, std::string_view url) {
  const bool scheme_ok = url.starts_with("https://") || url.starts_with("http://");
  const bool chars_ok =
      std::ranges::all_of(url, [](char c) { return c > ' ' && c < 0x7f && c != '"'; });
  if (!scheme_ok || !chars_ok || url.size() > kMaxUrlChars) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"calendar.event.bad_url", {{"max", kMaxUrlChars}}}, std::string(field));
  }
  return Ok();
}

Status CheckRecurrence(const Recurrence& rule, const Moment& start) {
  if (rule.interval < 1 || rule.interval > kMaxInterval) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"calendar.event.interval_range", {{"max", kMaxInterval}}},
                "recurrence.interval");
  }
  if (rule.count && rule.until) {
    return Fail(ErrorCode::kInvalidArgument, "calendar.event.count_and_until", "recurrence.until");
  }
  if (rule.count && (*rule.count < 1 || *rule.count > kMaxCount)) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"calendar.event.count_range", {{"max", kMaxCount}}}, "recurrence.count");
  }
  if (rule.until) {
    ENSEMBLE_TRY_STATUS(CheckMoment("recurrence.until", *rule.until));
    if (local_days{*rule.until} < local_days{DayOf(start)}) {
      return Fail(ErrorCode::kInvalidArgument, "calendar.event.until_before_start",
                  "recurrence.until");
    }
  }
  // libical keeps each list in a fixed array; these caps leave room for its terminator.
  if (rule.by_day.size() > kMaxByDay) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"calendar.event.too_many_weekdays", {{"max", kMaxByDay}}},
                "recurrence.by_day");
  }
  if (rule.by_month_day.size() > kMaxByMonthDay) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"calendar.event.too_many_month_days", {{"max", kMaxByMonthDay}}},
                "recurrence.by_month_day");
  }
  const bool ordinals_allowed =
      rule.frequency == Frequency::kMonthly || rule.frequency == Frequency::kYearly;
  for (std::size_t i = 0; i < rule.by_day.size(); ++i) {
    const WeekdayRule& entry = rule.by_day[i];
    const std::string field = fmt::format("recurrence.by_day[{}]", i);
    if (!entry.day.ok()) {
      return Fail(ErrorCode::kInvalidArgument, "calendar.event.not_a_weekday", field);
    }
    // RFC 5545 3.3.10: an ordinal BYDAY only means something in a monthly or yearly rule.
    if (entry.ordinal != 0 && !ordinals_allowed) {
      return Fail(ErrorCode::kInvalidArgument, "calendar.event.ordinal_needs_month", field);
    }
    const int limit = rule.frequency == Frequency::kYearly ? 53 : 5;
    if (entry.ordinal < -limit || entry.ordinal > limit) {
      return Fail(ErrorCode::kInvalidArgument,
                  Message{"calendar.event.position_range", {{"max", limit}}}, field);
    }
  }
  for (std::size_t i = 0; i < rule.by_month_day.size(); ++i) {
    const int day = rule.by_month_day[i];
    if (day == 0 || day < -31 || day > 31) {
      return Fail(ErrorCode::kInvalidArgument, "calendar.event.month_day_range",
                  fmt::format("recurrence.by_month_day[{}]", i));
    }
  }
  // RFC 5545 3.3.10: BYMONTHDAY is not allowed in a weekly rule.
  if (!rule.by_month_day.empty() && rule.frequency == Frequency::kWeekly) {
    return Fail(ErrorCode::kInvalidArgument, "calendar.event.weekly_month_days",
                "recurrence.by_month_day");
  }
  return Ok();
}

Result<std::string> CheckName(std::string_view field, std::string_view name) {
  return CheckText(field, name, 0, kMaxNameChars);
}

}  // namespace

LocalTime MakeLocalTime(int year, unsigned month, unsigned day, int hour, int minute, int second) {
  const local_days date{std::chrono::year{year} / std::chrono::month{month} /
                        std::chrono::day{day}};
  return date + std::chrono::hours{hour} + std::chrono::minutes{minute} +
         std::chrono::seconds{second};
}

Day MakeDay(int year, unsigned month, unsigned day) {
  return std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day};
}

LocalTime BeginningOf(const Moment& moment) {
  if (const auto* time = std::get_if<LocalTime>(&moment)) {
    return *time;
  }
  return LocalTime{local_days{std::get<Day>(moment)}};
}

Status CheckUid(std::string_view field, std::string_view uid) {
  const std::size_t at = uid.find('@');
  const bool shape_ok = at != std::string_view::npos && at > 0 && uid.size() <= kMaxUidChars &&
                        std::ranges::all_of(uid.substr(0, at), IsUidLocalChar) &&
                        IsDomainName(uid.substr(at + 1));
  if (!shape_ok) {
    return Fail(ErrorCode::kInvalidArgument, "calendar.event.bad_uid", std::string(field));
  }
  return Ok();
}

Result<Event> ValidateEvent(const Event& event) {
  Event valid = event;
  ENSEMBLE_TRY_STATUS(CheckUid("uid", event.uid));
  if (event.sequence < 0) {
    return Fail(ErrorCode::kInvalidArgument, "calendar.event.negative_sequence", "sequence");
  }
  valid.summary = ENSEMBLE_TRY(CheckText("summary", event.summary, 1, kMaxSummaryChars));
  valid.description = ENSEMBLE_TRY(
      CheckText("description", event.description, 0, kMaxDescriptionChars, TextKind::kParagraphs));
  valid.location = ENSEMBLE_TRY(CheckText("location", event.location, 0, kMaxLocationChars));
  if (event.url) {
    ENSEMBLE_TRY_STATUS(CheckUrl("url", *event.url));
  }

  ENSEMBLE_TRY_STATUS(CheckMoment("start", event.start));
  ENSEMBLE_TRY_STATUS(CheckSameKind("end", event.start, event.end));
  if (BeginningOf(event.end) <= BeginningOf(event.start)) {
    return Fail(ErrorCode::kInvalidArgument, "calendar.event.end_before_start", "end");
  }

  if (event.recurrence) {
    ENSEMBLE_TRY_STATUS(CheckRecurrence(*event.recurrence, event.start));
    if (event.recurrence_id) {
      return Fail(ErrorCode::kInvalidArgument, "calendar.event.nested_series", "recurrence");
    }
  }
  if (!event.exception_dates.empty() && !event.recurrence) {
    return Fail(ErrorCode::kInvalidArgument, "calendar.event.exceptions_without_series",
                "exception_dates");
  }
  if (event.exception_dates.size() > kMaxExceptionDates) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"calendar.event.too_many_exceptions", {{"max", kMaxExceptionDates}}},
                "exception_dates");
  }
  for (std::size_t i = 0; i < event.exception_dates.size(); ++i) {
    ENSEMBLE_TRY_STATUS(CheckSameKind(fmt::format("exception_dates[{}]", i), event.start,
                                      event.exception_dates[i]));
  }
  if (event.recurrence_id) {
    ENSEMBLE_TRY_STATUS(CheckSameKind("recurrence_id", event.start, *event.recurrence_id));
  }

  if (event.organizer) {
    valid.organizer->name = ENSEMBLE_TRY(CheckName("organizer.name", event.organizer->name));
    valid.organizer->email = ENSEMBLE_TRY(CheckEmail("organizer.email", event.organizer->email));
  }
  if (event.attendees.size() > kMaxAttendees) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"calendar.event.too_many_attendees", {{"max", kMaxAttendees}}},
                "attendees");
  }
  for (std::size_t i = 0; i < event.attendees.size(); ++i) {
    const std::string prefix = fmt::format("attendees[{}]", i);
    valid.attendees[i].name = ENSEMBLE_TRY(CheckName(prefix + ".name", event.attendees[i].name));
    valid.attendees[i].email =
        ENSEMBLE_TRY(CheckEmail(prefix + ".email", event.attendees[i].email));
  }

  if (event.categories.size() > kMaxCategories) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"calendar.event.too_many_categories", {{"max", kMaxCategories}}},
                "categories");
  }
  for (std::size_t i = 0; i < event.categories.size(); ++i) {
    const std::string field = fmt::format("categories[{}]", i);
    valid.categories[i] = ENSEMBLE_TRY(CheckText(field, event.categories[i], 1, kMaxCategoryChars));
    // CATEGORIES is a comma-separated list, and libical writes its commas unescaped: a comma
    // inside one category would make two.
    if (valid.categories[i].find(',') != std::string::npos) {
      return Fail(ErrorCode::kInvalidArgument, "calendar.event.category_comma", field);
    }
  }

  if (event.created && event.last_modified && *event.last_modified < *event.created) {
    return Fail(ErrorCode::kInvalidArgument, "calendar.event.modified_before_created",
                "last_modified");
  }
  return valid;
}

Event OccurrenceOf(const Event& series, const Moment& original_start) {
  Event occurrence = series;
  occurrence.recurrence.reset();
  occurrence.exception_dates.clear();
  occurrence.recurrence_id = original_start;
  const auto duration = BeginningOf(series.end) - BeginningOf(series.start);
  occurrence.start = original_start;
  if (const auto* time = std::get_if<LocalTime>(&original_start)) {
    occurrence.end = *time + duration;
  } else {
    const auto whole_days = std::chrono::floor<days>(duration);
    occurrence.end = Day{local_days{std::get<Day>(original_start)} + whole_days};
  }
  return occurrence;
}

}  // namespace ensemble::calendar
