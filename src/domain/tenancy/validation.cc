#include "domain/tenancy/validation.h"

#include "core/text.h"
#include "domain/tenancy/siret.h"

namespace ensemble::tenancy {

Result<std::string> CheckCommuneInsee(std::string_view field, std::string_view text) {
  const bool shaped = text.size() == 5 && text[0] >= '0' && text[0] <= '9' &&
                      ((text[1] >= '0' && text[1] <= '9') || text[1] == 'A' || text[1] == 'B') &&
                      text.substr(2).find_first_not_of("0123456789") == std::string_view::npos;
  if (!shaped) {
    return Fail(ErrorCode::kInvalidArgument,
                Message{"tenancy.structure.bad_insee", {{"length", 5}}}, std::string(field));
  }
  return std::string(text);
}

Result<Structure> CheckStructure(Structure structure) {
  structure.name = ENSEMBLE_TRY(CheckText("name", structure.name, 1, kMaxNameChars));
  structure.address = ENSEMBLE_TRY(CheckText("address", structure.address, 0, kMaxAddressChars));
  structure.territory = ENSEMBLE_TRY(CheckText("territory", structure.territory, 0, kMaxNameChars));
  if (!structure.commune_insee.empty()) {
    structure.commune_insee =
        ENSEMBLE_TRY(CheckCommuneInsee("commune_insee", structure.commune_insee));
  }
  if (structure.siret && !structure.siret->empty()) {
    structure.siret = ENSEMBLE_TRY(NormaliseSiret("siret", *structure.siret));
  } else {
    structure.siret.reset();
  }
  return structure;
}

Result<PersonnelFile> CheckPersonnelFile(PersonnelFile file) {
  file.employee_name =
      ENSEMBLE_TRY(CheckText("employee_name", file.employee_name, 1, kMaxNameChars));
  file.job_title = ENSEMBLE_TRY(CheckText("job_title", file.job_title, 1, kMaxNameChars));
  file.contract = ENSEMBLE_TRY(CheckText("contract", file.contract, 1, 40));
  file.notes =
      ENSEMBLE_TRY(CheckText("notes", file.notes, 0, kMaxNotesChars, TextKind::kParagraphs));
  return file;
}

}  // namespace ensemble::tenancy
