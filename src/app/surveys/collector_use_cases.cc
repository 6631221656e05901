// Collectors: the devices that collect for a structure with ODK Collect, each known by a secret
// URL (ODK Central's "app users"). A person sets up her own; the structure's director or
// coordinator sees and revokes every one of the structure's. The secret is shown once; only its
// SHA-256 is stored.
#include "app/surveys/surveys_use_cases.h"
#include "components/calendar/feed_token.h"
#include "core/text.h"

namespace ensemble::app {
namespace {

using storage::TransactionMode;
using surveys::Action;

constexpr std::size_t kMaxLabelChars = 100;
// ODK Collect asks for the form list at each refresh: noting each request would turn reads into
// writes. Once an hour tells the structure whether a device is still in use.
constexpr UnixMillis kCollectorUseNotedEvery = 60LL * 60 * 1000;

Error CollectorNotFound() {
  Error error;
  error.code = ErrorCode::kNotFound;
  error.message = Message{"surveys.collector.unknown"};
  return error;
}

}  // namespace

Result<CreatedCollector> SurveysUseCases::CreateCollector(const Actor& actor, std::string label) {
  return Decided(TransactionMode::kWrite, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<CreatedCollector> {
                   const StructureId structure = actor.acting_structure_id.value_or(0);
                   ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kCreateCollector),
                                                  surveys::AnswersTarget(structure),
                                                  std::to_string(structure)));
                   label = ENSEMBLE_TRY(CheckText("label", label, 1, kMaxLabelChars));
                   const calendar::FeedToken token = ENSEMBLE_TRY(calendar::NewFeedToken());
                   CreatedCollector created;
                   created.collector.structure = structure;
                   created.collector.person = actor.person_id;
                   created.collector.label = label;
                   created.collector.created_at = app_.clock().Now();
                   created.collector.id = ENSEMBLE_TRY(tx.Surveys().InsertCollector(
                       created.collector, calendar::FeedTokenHashHex(token.hash)));
                   created.url_path = "/openrosa/" + token.secret;
                   ENSEMBLE_TRY_STATUS(app_.Audit(
                       tx, actor, structure, "create", "survey_collector",
                       std::to_string(created.collector.id), {.params = {{"label", label}}}));
                   return created;
                 });
}

Result<CollectorList> SurveysUseCases::ListCollectors(const Actor& actor) {
  return Decided(
      TransactionMode::kRead, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<CollectorList> {
        const StructureId structure = actor.acting_structure_id.value_or(0);
        const access::Target own = surveys::AnswersTarget(structure);
        ENSEMBLE_TRY_STATUS(
            gate.Check(surveys::SpecOf(Action::kListForms), own, std::to_string(structure)));
        const bool manages = surveys::Decide(actor, Action::kManageCollectors, own).allowed();
        CollectorList list;
        list.actions = surveys::AllowedActions(
            actor, {Action::kCreateCollector, Action::kManageCollectors}, own);
        for (surveys::Collector& collector : ENSEMBLE_TRY(tx.Surveys().CollectorsOf(
                 structure, manages ? std::nullopt : std::optional(actor.person_id)))) {
          CollectorView view;
          if (const auto person = ENSEMBLE_TRY(tx.Tenancy().FindPerson(collector.person))) {
            view.person_name = person->display_name;
          }
          if (!collector.revoked_at) view.actions.push_back("revoke");
          view.collector = std::move(collector);
          list.items.push_back(std::move(view));
        }
        return list;
      });
}

Status SurveysUseCases::RevokeCollector(const Actor& actor, surveys::CollectorId id) {
  return Decided(
      TransactionMode::kWrite, actor, [&](storage::Transaction& tx, Gate& gate) -> Status {
        const StructureId structure = actor.acting_structure_id.value_or(0);
        const access::Target own = surveys::AnswersTarget(structure);
        ENSEMBLE_TRY_STATUS(
            gate.Check(surveys::SpecOf(Action::kListForms), own, std::to_string(structure)));
        const auto collector = ENSEMBLE_TRY(tx.Surveys().FindCollector(id));
        // Another structure's device is not found, whether it exists or not.
        if (!collector || collector->structure != structure) {
          return Fail(ErrorCode::kNotFound, "surveys.collector.not_found", "id");
        }
        if (collector->person != actor.person_id) {
          ENSEMBLE_TRY_STATUS(
              gate.Check(surveys::SpecOf(Action::kManageCollectors), own, std::to_string(id)));
        }
        if (collector->revoked_at) return Ok();
        ENSEMBLE_TRY_STATUS(tx.Surveys().RevokeCollector(id, app_.clock().Now()));
        return app_.Audit(tx, actor, structure, "update", "survey_collector", std::to_string(id),
                          {.params = {{"label", collector->label}}});
      });
}

Result<CollectorCaller> SurveysUseCases::CollectorFor(std::string_view token) {
  // The shape is public: a malformed token is refused before any look-up.
  if (!calendar::IsWellFormedFeedToken(token)) return std::unexpected(CollectorNotFound());
  const calendar::FeedTokenHash hash = calendar::HashFeedToken(token);
  const std::string token_hash = calendar::FeedTokenHashHex(hash);
  const UnixMillis now = app_.clock().Now();
  // Nobody is known yet: the transaction reaches no structure's rows but the one collector of
  // the presented hash.
  auto found = ENSEMBLE_TRY(app_.database().InTransaction(
      TransactionMode::kWrite, storage::Scope::Nobody(),
      [&](storage::Transaction& tx) -> Result<std::optional<CollectorCaller>> {
        const auto collector = ENSEMBLE_TRY(tx.Surveys().FindLiveCollectorByTokenHash(token_hash));
        if (!collector) return std::optional<CollectorCaller>{};
        // The index found the row by the presented hash; the stored one is checked again in
        // constant time, so that a broken index or collation could not serve another's row.
        const auto stored = calendar::FeedTokenHashFromHex(collector->second);
        if (!stored || !calendar::FeedTokenMatches(token, *stored)) {
          return std::optional<CollectorCaller>{};
        }
        const surveys::Collector& c = collector->first;
        CollectorCaller caller;
        caller.actor.person_id = c.person;
        caller.actor.acting_structure_id = c.structure;
        caller.actor.roles = ENSEMBLE_TRY(tx.Tenancy().RolesIn(c.person, c.structure));
        if (caller.actor.roles.empty()) return std::optional<CollectorCaller>{};
        if (const auto person = ENSEMBLE_TRY(tx.Tenancy().FindPerson(c.person))) {
          caller.language = person->language;
        }
        ENSEMBLE_TRY_STATUS(
            tx.Surveys().NoteCollectorUsed(token_hash, now, kCollectorUseNotedEvery));
        return std::optional(std::move(caller));
      }));
  if (!found) return std::unexpected(CollectorNotFound());
  return std::move(*found);
}

}  // namespace ensemble::app
