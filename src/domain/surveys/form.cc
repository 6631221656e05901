#include "domain/surveys/form.h"

#include <array>
#include <utility>

namespace ensemble::surveys {
namespace {

constexpr std::array<std::pair<QuestionType, std::string_view>, 30> kWords{{
    {QuestionType::kInteger, "integer"},
    {QuestionType::kDecimal, "decimal"},
    {QuestionType::kText, "text"},
    {QuestionType::kSelectOne, "select_one"},
    {QuestionType::kSelectMultiple, "select_multiple"},
    {QuestionType::kNote, "note"},
    {QuestionType::kDate, "date"},
    {QuestionType::kTime, "time"},
    {QuestionType::kDateTime, "dateTime"},
    {QuestionType::kCalculate, "calculate"},
    {QuestionType::kAcknowledge, "acknowledge"},
    {QuestionType::kHidden, "hidden"},
    {QuestionType::kGeopoint, "geopoint"},
    {QuestionType::kGeotrace, "geotrace"},
    {QuestionType::kGeoshape, "geoshape"},
    {QuestionType::kImage, "image"},
    {QuestionType::kAudio, "audio"},
    {QuestionType::kVideo, "video"},
    {QuestionType::kFile, "file"},
    {QuestionType::kBarcode, "barcode"},
    {QuestionType::kStart, "start"},
    {QuestionType::kEnd, "end"},
    {QuestionType::kToday, "today"},
    {QuestionType::kDeviceId, "deviceid"},
    {QuestionType::kUsername, "username"},
    {QuestionType::kPhoneNumber, "phonenumber"},
    {QuestionType::kEmail, "email"},
    {QuestionType::kAudit, "audit"},
    {QuestionType::kRange, "range"},
    {QuestionType::kRank, "rank"},
}};

void LocateAll(const std::vector<Node>& nodes, const std::string& parent, const Located& context,
               std::vector<Located>& out) {
  for (const Node& node : nodes) {
    Located located = context;
    located.node = &node;
    located.path = parent + "/" + node.name;
    if (node.kind == NodeKind::kRepeat) {
      located.repeat = &node;
      located.repeat_path = located.path;
    }
    out.push_back(located);
    if (node.kind != NodeKind::kQuestion) LocateAll(node.children, located.path, located, out);
  }
}

}  // namespace

std::string_view TypeWord(QuestionType type) {
  for (const auto& [known, word] : kWords) {
    if (known == type) return word;
  }
  return "text";
}

std::optional<QuestionType> TypeOfWord(std::string_view word) {
  for (const auto& [type, known] : kWords) {
    if (known == word) return type;
  }
  // Words the specification also accepts for the same types.
  if (word == "int") return QuestionType::kInteger;
  if (word == "string") return QuestionType::kText;
  if (word == "datetime") return QuestionType::kDateTime;
  if (word == "trigger") return QuestionType::kAcknowledge;
  if (word == "photo") return QuestionType::kImage;
  if (word == "select one") return QuestionType::kSelectOne;
  if (word == "select all that apply" || word == "select multiple") {
    return QuestionType::kSelectMultiple;
  }
  if (word == "phone_number") return QuestionType::kPhoneNumber;
  if (word == "imei") return QuestionType::kDeviceId;
  return std::nullopt;
}

bool TakesChoiceList(QuestionType type) {
  return type == QuestionType::kSelectOne || type == QuestionType::kSelectMultiple ||
         type == QuestionType::kRank;
}

bool IsMetadata(QuestionType type) {
  switch (type) {
    case QuestionType::kStart:
    case QuestionType::kEnd:
    case QuestionType::kToday:
    case QuestionType::kDeviceId:
    case QuestionType::kUsername:
    case QuestionType::kPhoneNumber:
    case QuestionType::kEmail:
    case QuestionType::kAudit:
      return true;
    default:
      return false;
  }
}

const ChoiceList* Form::FindList(std::string_view name) const {
  for (const ChoiceList& list : choices) {
    if (list.name == name) return &list;
  }
  return nullptr;
}

std::vector<Located> Locate(const Form& form) {
  std::vector<Located> out;
  LocateAll(form.survey, "/" + form.settings.root_name, Located{}, out);
  return out;
}

}  // namespace ensemble::surveys
