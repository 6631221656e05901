#include "app/staffing/staffing_use_cases.h"

#include <algorithm>

#include "app/staffing/agreement_document.h"
#include "app/staffing/loading.h"
#include "core/paris_time.h"
#include "core/text.h"
#include "domain/staffing/validation.h"

namespace ensemble::app {
namespace {

using namespace staffing_detail;
using staffing::Action;
using staffing::Agreement;
using staffing::AgreementState;
using staffing::Position;
using storage::TransactionMode;

bool Has(const std::vector<std::string>& actions, std::string_view code) {
  return std::find(actions.begin(), actions.end(), code) != actions.end();
}

// What the acting person may do with one agreement today: what the policy allows, then what its
// state allows (terms only in a draft; a signature once per party; ending once).
std::vector<std::string> AgreementActions(const Actor& actor, const access::Target& target,
                                          const Agreement& agreement, AgreementState state) {
  const std::vector<std::string> allowed = staffing::AllowedActions(
      actor, {Action::kUpdateAgreement, Action::kSignAgreement, Action::kEndAgreement}, target);
  std::vector<std::string> actions;
  if (Has(allowed, "update_agreement") && state == AgreementState::kDraft) {
    actions.push_back("update_agreement");
  }
  const bool signed_by_acting =
      actor.acting_structure_id && agreement.SignatureOf(*actor.acting_structure_id) != nullptr;
  if (Has(allowed, "sign_agreement") && !signed_by_acting && state != AgreementState::kEnded) {
    actions.push_back("sign_agreement");
  }
  if (Has(allowed, "end_agreement") && state != AgreementState::kEnded) {
    actions.push_back("end_agreement");
  }
  return actions;
}

PositionDetail DetailOf(const Actor& actor, const Loaded& loaded, staffing::Date today) {
  const access::Target target = staffing::PositionTarget(loaded.position, loaded.agreements);
  PositionDetail detail;
  detail.position = loaded.position;
  detail.actions = staffing::AllowedActions(
      actor, {Action::kReadPosition, Action::kUpdatePosition, Action::kCreateAgreement}, target);
  for (const Agreement& agreement : loaded.agreements) {
    const AgreementState state = agreement.StateOn(today);
    detail.agreements.push_back(
        {agreement, state, AgreementActions(actor, target, agreement, state)});
  }
  return detail;
}

// The agreement changed since she read it: which version is stored, which she sent.
std::unexpected<Error> Stale(int stored, int yours) {
  return Fail(ErrorCode::kConflict,
              Message{"staffing.agreement.stale", {{"stored", stored}, {"yours", yours}}},
              "version");
}

// Every structure named exists; the person exists and holds a role in each employer.
Status CheckPeopleAndStructures(storage::Transaction& tx, const Position& position) {
  for (const staffing::Employment& employment : position.employments) {
    if (!ENSEMBLE_TRY(tx.Tenancy().FindStructure(employment.employer))) {
      return Fail(ErrorCode::kInvalidArgument, Message{"staffing.position.unknown_employer"},
                  "employments.structure_id");
    }
    if (ENSEMBLE_TRY(tx.Tenancy().RolesIn(position.person_id, employment.employer)).empty()) {
      return Fail(ErrorCode::kInvalidArgument, Message{"staffing.position.not_employed"},
                  "person_id");
    }
  }
  return Ok();
}

Status CheckPartiesExist(storage::Transaction& tx, const Agreement& agreement) {
  for (const staffing::AgreementShare& share : agreement.shares) {
    if (!ENSEMBLE_TRY(tx.Tenancy().FindStructure(share.structure))) {
      return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.unknown_structure"},
                  "shares.structure_id");
    }
  }
  return Ok();
}

}  // namespace

Result<AgreementPdf> StaffingUseCases::AgreementDocumentPdf(const Actor& actor,
                                                            staffing::AgreementId id) {
  return Decided(TransactionMode::kAuditedRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<AgreementPdf> {
                   const auto stored = ENSEMBLE_TRY(tx.Staffing().FindAgreement(id));
                   auto loaded =
                       stored ? ENSEMBLE_TRY(Load(tx, stored->position_id)) : std::nullopt;
                   ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kReadPosition),
                                                  TargetOf(loaded), std::to_string(id)));
                   const auto parties = ENSEMBLE_TRY(PartiesOf(tx, *stored));
                   auto pdf = ENSEMBLE_TRY(RenderAgreementPdf(loaded->position, *stored, parties));
                   ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, loaded->position.carrier, "export",
                                                  "agreement", std::to_string(id),
                                                  {.params = {{"document_sha256", pdf.sha256}}}));
                   return pdf;
                 });
}

staffing::Date StaffingUseCases::Today() const {
  const UnixMillis now = app_.clock().Now();
  const auto local =
      std::chrono::sys_days{} +
      std::chrono::floor<std::chrono::days>(std::chrono::milliseconds{now + ParisOffset(now)});
  return staffing::Date{local};
}

Result<std::vector<PositionDetail>> StaffingUseCases::ListPositions(const Actor& actor) {
  return Decided(TransactionMode::kAuditedRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<std::vector<PositionDetail>> {
                   access::Target acting;
                   acting.owner = actor.acting_structure_id;
                   const std::string structure_id =
                       actor.acting_structure_id ? std::to_string(*actor.acting_structure_id) : "";
                   ENSEMBLE_TRY_STATUS(
                       gate.Check(staffing::SpecOf(Action::kListPositions), acting, structure_id));
                   const auto positions =
                       ENSEMBLE_TRY(tx.Staffing().PositionsOfStructure(*actor.acting_structure_id));
                   std::vector<PositionDetail> details;
                   for (const Position& position : positions) {
                     auto loaded = ENSEMBLE_TRY(Load(tx, position.id));
                     if (loaded) details.push_back(DetailOf(actor, *loaded, Today()));
                   }
                   ENSEMBLE_TRY_STATUS(app_.Audit(
                       tx, actor, actor.acting_structure_id, "read", "position", "*",
                       {.params = {{"count", static_cast<std::int64_t>(details.size())}}}));
                   return details;
                 });
}

Result<std::vector<PositionDetail>> StaffingUseCases::MyPositions(const Actor& actor) {
  return app_.DecidedIn(
      TransactionMode::kAuditedRead, storage::Scope::OwnPlatformLines(actor.person_id), actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<std::vector<PositionDetail>> {
        access::Target self;
        self.person = actor.person_id;
        ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kReadOwnPositions), self,
                                       std::to_string(actor.person_id)));
        const auto positions = ENSEMBLE_TRY(tx.Staffing().PositionsOfPerson(actor.person_id));
        std::vector<PositionDetail> details;
        for (const Position& position : positions) {
          auto loaded = ENSEMBLE_TRY(Load(tx, position.id));
          if (loaded) details.push_back(DetailOf(actor, *loaded, Today()));
        }
        return details;
      });
}

Result<PositionDetail> StaffingUseCases::GetPosition(const Actor& actor, staffing::PositionId id) {
  return Decided(TransactionMode::kAuditedRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<PositionDetail> {
                   const auto loaded = ENSEMBLE_TRY(Load(tx, id));
                   ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kReadPosition),
                                                  TargetOf(loaded), std::to_string(id)));
                   ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, loaded->position.carrier, "read",
                                                  "position", std::to_string(id)));
                   return DetailOf(actor, *loaded, Today());
                 });
}

Result<PositionDetail> StaffingUseCases::CreatePosition(const Actor& actor,
                                                        staffing::Position draft) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<PositionDetail> {
        access::Target carrier;
        carrier.owner = actor.acting_structure_id;
        ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kCreatePosition), carrier,
                                       std::to_string(actor.acting_structure_id.value_or(0))));
        draft.carrier = *actor.acting_structure_id;
        if (draft.kind == staffing::PositionKind::kLending && draft.employments.size() == 1) {
          draft.employments[0].employer = draft.carrier;  // a lent position's one employer
        }
        const auto person = ENSEMBLE_TRY(tx.Tenancy().FindPerson(draft.person_id));
        if (!person) {
          return Fail(ErrorCode::kInvalidArgument, Message{"staffing.position.unknown_person"},
                      "person_id");
        }
        draft.person_name = person->display_name;
        Position position = ENSEMBLE_TRY(staffing::CheckPosition(std::move(draft)));
        ENSEMBLE_TRY_STATUS(CheckPeopleAndStructures(tx, position));
        position.id = ENSEMBLE_TRY(tx.Staffing().InsertPosition(position, app_.clock().Now()));
        ENSEMBLE_TRY_STATUS(app_.Audit(
            tx, actor, position.carrier, "create", "position", std::to_string(position.id),
            {.params = {{"kind", std::string(staffing::ToString(position.kind))}}}));
        return DetailOf(actor, Loaded{position, {}}, Today());
      });
}

Result<PositionDetail> StaffingUseCases::CreateAgreement(const Actor& actor,
                                                         staffing::PositionId id,
                                                         staffing::Agreement terms) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<PositionDetail> {
        auto loaded = ENSEMBLE_TRY(Load(tx, id));
        const std::string record = std::to_string(id);
        ENSEMBLE_TRY_STATUS(
            gate.Check(staffing::SpecOf(Action::kReadPosition), TargetOf(loaded), record));
        ENSEMBLE_TRY_STATUS(
            gate.Check(staffing::SpecOf(Action::kCreateAgreement), TargetOf(loaded), record));
        Agreement agreement =
            ENSEMBLE_TRY(staffing::CheckAgreementTerms(std::move(terms), loaded->position));
        agreement.signatures.clear();
        agreement.ended_on.reset();
        agreement.id = 0;
        agreement.drafted_on = Today();
        ENSEMBLE_TRY_STATUS(CheckPartiesExist(tx, agreement));
        ENSEMBLE_TRY_STATUS(staffing::CheckNoOverlap(agreement, loaded->agreements));
        agreement.id = ENSEMBLE_TRY(tx.Staffing().InsertAgreement(agreement, app_.clock().Now()));
        ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, loaded->position.carrier, "create", "agreement",
                                       std::to_string(agreement.id),
                                       {.params = {{"position_id", id}}}));
        auto reloaded = ENSEMBLE_TRY(Load(tx, id));
        return DetailOf(actor, *reloaded, Today());
      });
}

Result<PositionDetail> StaffingUseCases::UpdateAgreement(const Actor& actor,
                                                         staffing::AgreementId id,
                                                         staffing::Agreement terms) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<PositionDetail> {
        const auto stored = ENSEMBLE_TRY(tx.Staffing().FindAgreement(id));
        auto loaded = stored ? ENSEMBLE_TRY(Load(tx, stored->position_id)) : std::nullopt;
        const std::string record = std::to_string(id);
        ENSEMBLE_TRY_STATUS(
            gate.Check(staffing::SpecOf(Action::kReadPosition), TargetOf(loaded), record));
        ENSEMBLE_TRY_STATUS(
            gate.Check(staffing::SpecOf(Action::kUpdateAgreement), TargetOf(loaded), record));
        Agreement* current = ENSEMBLE_TRY(AgreementIn(*loaded, id));
        if (current->StateOn(Today()) != AgreementState::kDraft) {
          return Conflict("staffing.agreement.terms_frozen");
        }
        if (terms.version != current->version) return Stale(current->version, terms.version);
        Agreement agreement =
            ENSEMBLE_TRY(staffing::CheckAgreementTerms(std::move(terms), loaded->position));
        agreement.id = id;
        agreement.version = current->version;
        agreement.drafted_on = Today();
        agreement.signatures.clear();
        agreement.ended_on.reset();
        ENSEMBLE_TRY_STATUS(CheckPartiesExist(tx, agreement));
        ENSEMBLE_TRY_STATUS(staffing::CheckNoOverlap(agreement, loaded->agreements));
        if (!ENSEMBLE_TRY(tx.Staffing().UpdateAgreementTerms(agreement))) {
          return Stale(current->version + 1, agreement.version);
        }
        ENSEMBLE_TRY_STATUS(app_.Audit(tx, actor, loaded->position.carrier, "update", "agreement",
                                       record, {.params = {{"position_id", loaded->position.id}}}));
        auto reloaded = ENSEMBLE_TRY(Load(tx, loaded->position.id));
        return DetailOf(actor, *reloaded, Today());
      });
}

Result<PositionDetail> StaffingUseCases::SignAgreement(const Actor& actor, staffing::AgreementId id,
                                                       SignatureInput input) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<PositionDetail> {
        const auto stored = ENSEMBLE_TRY(tx.Staffing().FindAgreement(id));
        auto loaded = stored ? ENSEMBLE_TRY(Load(tx, stored->position_id)) : std::nullopt;
        const std::string record = std::to_string(id);
        ENSEMBLE_TRY_STATUS(
            gate.Check(staffing::SpecOf(Action::kSignAgreement), TargetOf(loaded), record));
        const Agreement* agreement = ENSEMBLE_TRY(AgreementIn(*loaded, id));
        staffing::Signature signature;
        signature.structure = *actor.acting_structure_id;
        signature.signer_name = ENSEMBLE_TRY(CheckText("signer_name", input.signer_name, 1, 200));
        signature.signer_role = ENSEMBLE_TRY(CheckText("signer_role", input.signer_role, 1, 200));
        signature.signed_on = input.signed_on;
        signature.document_sha256 = input.document_sha256;
        signature.recorded_by = actor.person_id;
        if (!signature.signed_on.ok() || Today() < signature.signed_on) {
          return Fail(ErrorCode::kInvalidArgument, Message{"staffing.agreement.bad_signing_date"},
                      "signed_on");
        }
        ENSEMBLE_TRY_STATUS(staffing::CheckSignature(*agreement, signature, Today()));
        // She signs the document as it is now: a digest of any other bytes (an older draft, a
        // document edited by hand) is refused.
        const auto parties = ENSEMBLE_TRY(PartiesOf(tx, *agreement));
        const auto pdf = ENSEMBLE_TRY(RenderAgreementPdf(loaded->position, *agreement, parties));
        if (pdf.sha256 != signature.document_sha256) {
          return Fail(ErrorCode::kConflict, Message{"staffing.agreement.document_changed"},
                      "document_sha256");
        }
        if (input.version != agreement->version) return Stale(agreement->version, input.version);
        if (!ENSEMBLE_TRY(
                tx.Staffing().InsertSignature(*agreement, signature, app_.clock().Now()))) {
          return Stale(agreement->version + 1, input.version);
        }
        ENSEMBLE_TRY_STATUS(
            app_.Audit(tx, actor, signature.structure, "create", "signature", record,
                       {.params = {{"document_sha256", signature.document_sha256}}}));
        auto reloaded = ENSEMBLE_TRY(Load(tx, loaded->position.id));
        return DetailOf(actor, *reloaded, Today());
      });
}

Result<PositionDetail> StaffingUseCases::EndAgreement(const Actor& actor, staffing::AgreementId id,
                                                      staffing::Date ended_on, int version) {
  return Decided(TransactionMode::kWrite, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<PositionDetail> {
                   const auto stored = ENSEMBLE_TRY(tx.Staffing().FindAgreement(id));
                   auto loaded =
                       stored ? ENSEMBLE_TRY(Load(tx, stored->position_id)) : std::nullopt;
                   const std::string record = std::to_string(id);
                   ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kReadPosition),
                                                  TargetOf(loaded), record));
                   ENSEMBLE_TRY_STATUS(gate.Check(staffing::SpecOf(Action::kEndAgreement),
                                                  TargetOf(loaded), record));
                   const Agreement* agreement = ENSEMBLE_TRY(AgreementIn(*loaded, id));
                   if (agreement->StateOn(Today()) == AgreementState::kEnded) {
                     return Conflict("staffing.agreement.ended");
                   }
                   if (!ended_on.ok() || ended_on <= agreement->starts_on ||
                       agreement->ends_on < ended_on || ended_on < Today()) {
                     return Fail(ErrorCode::kInvalidArgument,
                                 Message{"staffing.agreement.bad_end_date"}, "ended_on");
                   }
                   if (version != agreement->version) return Stale(agreement->version, version);
                   if (!ENSEMBLE_TRY(tx.Staffing().EndAgreement(id, version, ended_on))) {
                     return Stale(agreement->version + 1, version);
                   }
                   ENSEMBLE_TRY_STATUS(app_.Audit(
                       tx, actor, loaded->position.carrier, "update", "agreement", record,
                       {.changes = {{"ended_on", std::monostate{}, staffing::IsoDate(ended_on)}}}));
                   auto reloaded = ENSEMBLE_TRY(Load(tx, loaded->position.id));
                   return DetailOf(actor, *reloaded, Today());
                 });
}

}  // namespace ensemble::app
