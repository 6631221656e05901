// The staffing module's use cases: shared positions and their lending agreements (issue 11).
// Each public method is one thing a person does, over the platform's App (app/app.h): one
// transaction, the decision from domain/staffing/policy.h through the Gate, an audit line for
// every read of the position's personal data and every change.
//
// Thread-safety: as App's; no state of its own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/staffing/agreement_document.h"
#include "domain/staffing/policy.h"
#include "domain/staffing/time_records.h"
#include "domain/staffing/types.h"

namespace ensemble::app {

struct AgreementView {
  staffing::Agreement agreement;
  staffing::AgreementState state = staffing::AgreementState::kDraft;  // on today's Paris date
  std::vector<std::string> actions;  // what the acting person may do with it now
};

struct PositionDetail {
  staffing::Position position;
  std::vector<AgreementView> agreements;
  std::vector<std::string> actions;
};

// What a party records when its director signs: the signer, the date, and the SHA-256 of the
// exact document signed. `version` is the agreement's, as she read it.
struct SignatureInput {
  std::string signer_name;
  std::string signer_role;
  staffing::Date signed_on{};
  std::string document_sha256;
  int version = 0;
};

// A month of a position's days as one structure may see them (time_records.h, VisibleTo), with
// the minutes worked for each structure it may see.
struct TimeView {
  std::vector<staffing::DayRecord> days;
  std::vector<staffing::TimeEntry> totals;  // minutes worked per structure over the month
  int absence_minutes = 0;
};

// A calendar month: its first and last days.
struct Month {
  staffing::Date first{};
  staffing::Date last{};
};
// "2026-09"; kInvalidArgument on `field` otherwise.
Result<Month> ParseMonth(std::string_view text, std::string_view field);

class StaffingUseCases {
 public:
  explicit StaffingUseCases(App& app) : app_(app) {}

  // The positions the acting structure is party to.
  Result<std::vector<PositionDetail>> ListPositions(const Actor& actor);
  // The positions the signed-in person holds, across every structure, whatever her hat.
  Result<std::vector<PositionDetail>> MyPositions(const Actor& actor);
  Result<PositionDetail> GetPosition(const Actor& actor, staffing::PositionId id);
  // A position carried by the acting structure; the person's name is taken from her account,
  // and she must hold a role in each employer.
  Result<PositionDetail> CreatePosition(const Actor& actor, staffing::Position draft);
  // A lending agreement for a position the acting structure carries.
  Result<PositionDetail> CreateAgreement(const Actor& actor, staffing::PositionId position,
                                         staffing::Agreement terms);
  // New terms while nobody has signed (`terms.version` is the one read).
  Result<PositionDetail> UpdateAgreement(const Actor& actor, staffing::AgreementId id,
                                         staffing::Agreement terms);
  // The agreement's document as the parties sign it (any party's people may read it).
  Result<AgreementPdf> AgreementDocumentPdf(const Actor& actor, staffing::AgreementId id);
  // The acting structure's signature, of the document as it is now (its SHA-256).
  Result<PositionDetail> SignAgreement(const Actor& actor, staffing::AgreementId id,
                                       SignatureInput input);
  // The signed-in person confirms or corrects one of her days (an empty record removes it).
  Result<staffing::DayRecord> RecordMyDay(const Actor& actor, staffing::PositionId position,
                                          staffing::DayRecord record);
  // Her days of one month, all of them.
  Result<std::vector<staffing::DayRecord>> MyDays(const Actor& actor, staffing::PositionId id,
                                                  Month month);
  // A month of the position's days as the acting structure may see them.
  Result<TimeView> PositionTime(const Actor& actor, staffing::PositionId id, Month month);
  // Ends it early, from `ended_on` (the first day it no longer covers).
  Result<PositionDetail> EndAgreement(const Actor& actor, staffing::AgreementId id,
                                      staffing::Date ended_on, int version);

 private:
  template <typename Work>
  auto Decided(storage::TransactionMode mode, const Actor& actor, Work&& work) {
    return app_.Decided(mode, actor, std::forward<Work>(work));
  }
  staffing::Date Today() const;

  App& app_;
};

}  // namespace ensemble::app
