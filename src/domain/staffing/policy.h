// The staffing module's actions and who may take them, in the vocabulary of domain/access (the
// one place that decides). Each action's rule is a row of the table in policy.cc.
//
// A shared position concerns several structures at once, so most rules are kParties: people
// acting for one of the position's parties (its employers, and the structures an agreement lends
// it to). Outsiders never learn that a position exists (hidden, 404). Inside a party, reading the
// terms is open to its staff; money (costs, statements) and signing are for its director or
// HR/finance; changing the terms is for the carrier's.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access/access.h"
#include "domain/staffing/types.h"

namespace ensemble::staffing {

using access::Actor;
using access::Decision;
using access::Target;

enum class Action {
  kListPositions,     // the positions the acting structure is party to: any of its people
  kCreatePosition,    // a position carried by the acting structure: its director or HR/finance
  kReadPosition,      // a position and its agreements' terms: the parties' people
  kReadOwnPositions,  // the positions she holds, across all sites: the person herself
  kUpdatePosition,    // the carrier's director or HR/finance (other parties: 403)
  kCreateAgreement,   // a lending agreement of a position: the carrier's director or HR/finance
  kUpdateAgreement,   // its terms, while nobody has signed: the same
  kSignAgreement,     // record a party's signature: that party's director
  kEndAgreement,      // end it early: the carrier's director
  kRecordOwnTime,     // confirm or correct her own days: the person herself, whatever her hat
  kReadTimeRecords,   // a position's days, as far as they concern the acting structure: its
                      //   director, coordinator or HR/finance (time_records.h, VisibleTo)
  kManageCosts,       // a position's salary history, payroll and month's allocation, and issuing
                      //   and correcting its statements: the carrier's director or HR/finance
  kManageCarrierSettings,  // the acting structure's rates, VAT treatment and site distances:
                           //   its director or HR/finance
  kListStatements,         // the statements the acting structure issued or was billed: the same
  kReadStatement,          // one statement: its carrier's and its billed structure's director or
                           //   HR/finance; hidden from everyone else
  kManagePlan,  // a position's plan rules, plan runs and their reports: the carrier's director or
                //   HR/finance
  kReadPlan,    // a position's plan as far as it concerns the acting structure (plans.h,
                //   VisiblePlan): any of the parties' people
  kReadCollectivePositions,  // the positions shared within a collective (collective.h): people
                             //   acting for one of its members
  kReadSharedPositions,      // one party's part of them, as far as that party shares its
                             //   staffing with the collective (a kSharedReaders rule)
};

const access::ActionSpec& SpecOf(Action action);
std::string_view ToString(Action action);
const std::vector<Action>& AllActions();

Decision Decide(const Actor& actor, Action action, const Target& target);

// The codes of the actions among `actions` that the actor may take on `target`.
std::vector<std::string> AllowedActions(const Actor& actor, std::initializer_list<Action> actions,
                                        const Target& target);

// The facts a position's decisions need: its parties (employers and the structures its
// agreements lend it to) and its person.
Target PositionTarget(const Position& position, std::span<const Agreement> agreements);

// A statement's parties: its carrier and the structure it bills.
Target StatementTarget(StructureId carrier, StructureId billed);

}  // namespace ensemble::staffing
