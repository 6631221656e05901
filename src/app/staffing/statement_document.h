// The document of an issued monthly staff-lending statement (relevé de mise à disposition), as
// the carrier sends it to the structure it bills: the parties, the carrier's real cost of the
// month, the allocation key that gives the billed structure its part, that part line by line
// (travel included), what a correction has already billed, the VAT and its mention, and the
// no-margin clause of Code du travail L8241-1. French or English. The document is a pure function
// of the statement and the parties, so the same statement always renders to the same bytes;
// every figure is integer cents in a money cell, so the spreadsheet holds numbers.
#pragma once

#include <string>

#include "core/error.h"
#include "documents/document.h"
#include "domain/staffing/statements.h"
#include "domain/tenancy/types.h"

namespace ensemble::app {

// Everything the statement names besides its own figures.
struct StatementParties {
  tenancy::Structure carrier;  // the lending structure (name, address, siret)
  tenancy::Structure billed;   // the structure billed
  std::string person_name;     // the employee lent
  std::string position_title;
};

documents::Document StatementDocument(const staffing::Statement& statement,
                                      const StatementParties& parties,
                                      documents::Language language);

// The PDF's bytes (errors of documents::WritePdf).
Result<std::string> RenderStatementPdf(const staffing::Statement& statement,
                                       const StatementParties& parties,
                                       documents::Language language);

// The workbook's bytes, one sheet per table (errors of documents::WriteXlsx).
Result<std::string> RenderStatementXlsx(const staffing::Statement& statement,
                                        const StatementParties& parties,
                                        documents::Language language);

}  // namespace ensemble::app
