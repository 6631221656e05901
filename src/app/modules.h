// The app layer's registry: one use-case object per module, all over one App, and the shared
// components' services that every module reaches through it. A module joins with one member
// here; its calendar events join the feeds with one Register on event_sources below, and its
// notification kinds with one line in app/notifications/known_kinds.cc.
#pragma once

#include <cstdio>
#include <cstdlib>

#include "app/app.h"
#include "app/calendar/calendar_feeds.h"
#include "app/notifications/known_kinds.h"
#include "app/notifications/notification_service.h"
#include "app/staffing/plan_events.h"
#include "app/staffing/staffing_use_cases.h"
#include "app/surveys/surveys_use_cases.h"
#include "app/tenancy/tenancy_use_cases.h"
#include "components/calendar/event_source.h"
#include "components/notifications/notification_kinds.h"

namespace ensemble::app {

struct Modules {
  explicit Modules(App& app)
      : tenancy(app),
        staffing(app),
        surveys(app),
        notification_kinds(KnownKinds()),
        notifications(app.database(), app.clock(), notification_kinds,
                      app.options().notification_mail),
        calendar_feeds(app, event_sources) {
    // One line per module that puts events in the feeds.
    Declare(event_sources.Register(std::make_unique<StaffingPlanEvents>(app)));
  }

  Modules(const Modules&) = delete;
  Modules& operator=(const Modules&) = delete;

  TenancyUseCases tenancy;
  StaffingUseCases staffing;
  SurveysUseCases surveys;

  // Shared components. The kinds are declared before serving and never change after.
  notifications::NotificationKindRegistry notification_kinds;
  // The sources of the calendar feeds' events: empty until modules register theirs, here in the
  // constructor, before the router shares it between threads.
  calendar::EventSourceRegistry event_sources;
  notifications::NotificationService notifications;
  CalendarFeeds calendar_feeds;

 private:
  // A registration that fails is a bug of the program, found at start.
  static void Declare(const Status& status) {
    if (!status) {
      std::fprintf(stderr, "event sources: %s\n", Describe(status.error().message).c_str());
      std::abort();
    }
  }
  // The declarations are constants of the program: one that fails is a bug, found at start.
  static notifications::NotificationKindRegistry KnownKinds() {
    notifications::NotificationKindRegistry kinds;
    if (auto declared = notifications::DeclareKnownKinds(kinds); !declared) {
      std::fprintf(stderr, "notification kinds: %s\n", Describe(declared.error().message).c_str());
      std::abort();
    }
    return kinds;
  }
};

}  // namespace ensemble::app
