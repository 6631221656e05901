// The document of a staff-lending agreement (convention de mise à disposition), as the parties
// print and sign it: what Code du travail L8241-2 requires (the duration, the employee's identity
// and qualification, the tasks, how salary, contributions and professional expenses are billed,
// the subsidies deducted) and the no-margin clause of L8241-1, with the parties and a signature
// block for each. It holds the terms only, never the signatures, so that every party signs the
// same bytes: the document is a pure function of the terms and the parties' cards, and its
// SHA-256 is what a signature records.
#pragma once

#include <map>
#include <string>

#include "app/digest.h"
#include "core/error.h"
#include "documents/document.h"
#include "domain/staffing/types.h"

namespace ensemble::app {

documents::Document AgreementDocument(
    const staffing::Position& position, const staffing::Agreement& agreement,
    const std::map<staffing::StructureId, tenancy::Structure>& parties);

struct AgreementPdf {
  std::string bytes;
  std::string sha256;  // lower-case hex
};

Result<AgreementPdf> RenderAgreementPdf(
    const staffing::Position& position, const staffing::Agreement& agreement,
    const std::map<staffing::StructureId, tenancy::Structure>& parties);

}  // namespace ensemble::app
