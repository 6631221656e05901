// The surveys module's actions and who may take them, in the vocabulary of domain/access (the
// one place that decides). Each action's rule is a row of the table in policy.cc.
//
// A questionnaire of a collective concerns all its members: they are its parties (kParties),
// its owner designs it, the others collect it; a structure outside never learns it exists (404).
// An answer is its collecting structure's alone: row-level answers are read only by people
// acting for that structure, never by the form's owner nor the collective (what crosses is
// aggregates, under each structure's sharing level).
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/access/access.h"
#include "domain/surveys/types.h"

namespace ensemble::surveys {

using access::Actor;
using access::Decision;
using access::Target;

enum class Action {
  kListForms,            // the forms the acting structure owns or collects: any of its people
  kCreateForm,           // a form owned by the acting structure: its director or coordinator
  kReadForm,             // a form, its versions and its XForm: the parties' people
  kUpdateForm,           // a new version, opening and closing: the owner's director or coordinator
                         //   (other parties: 403)
  kSubmit,               // an answer collected for the acting structure: the parties' people but a
                         //   funder's viewer
  kReadAnswers,          // the acting structure's own answers, in full: its director, coordinator,
                         //   referents, staff and mediators
  kReadResults,          // the results across the structures that collect it, under disclosure
                         //   control: the parties' director, coordinator, referents, staff and
                         //   mediators (each structure's counts as its sharing level lets out)
  kDesignForCollective,  // give a form to a collective for its members to collect: people
                         //   acting for one of its members (hidden from others)
  kCreateCollector,      // a device of her own collecting for the acting structure with ODK
                         //   Collect: the people who may submit
  kManageCollectors,     // see and revoke every device of the acting structure: its director
                         //   or coordinator (each person sees and revokes her own)
  kManageFormKey,        // the acting structure's key for an encrypted questionnaire (set it,
                         //   recover its passphrase): its director alone, who holds it
  kReadOwnExport,        // an export of answers made in the background: the person who asked
                         //   for it alone (others: 404), besides kReadAnswers on its structure
};

const access::ActionSpec& SpecOf(Action action);
std::string_view ToString(Action action);
const std::vector<Action>& AllActions();

Decision Decide(const Actor& actor, Action action, const Target& target);
std::vector<std::string> AllowedActions(const Actor& actor, std::initializer_list<Action> actions,
                                        const Target& target);

// A form's facts: its owner, and as parties the owner and the collective's members.
Target FormTarget(const SurveyForm& form, std::span<const StructureId> collective_members);

// The answers of `structure` (the acting one): it owns them.
Target AnswersTarget(StructureId structure);

// Whether a structure's answers count in its collective's results: it grants the collective at
// least its aggregates (`granted`, from access::GrantedLevel). The same for every reader, the
// structure's own people included, so that all members read the same tables.
bool CountsInResults(tenancy::SharingLevel granted);

}  // namespace ensemble::surveys
