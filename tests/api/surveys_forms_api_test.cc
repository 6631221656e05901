// Questionnaires over HTTP, on both backends, on the demo network: Nadia Benali, who coordinates
// « Bien Vieillir » at ECHO, uploads the senior questionnaire for the collective; its members
// (Alma among them) see it and download its XForm; a structure outside the collective never
// learns it exists; a referent may not design one. Each bad file is answered precisely, by sheet,
// row and column, and stores nothing.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "components/spreadsheet/spreadsheet.h"
#include "components/spreadsheet/xls_conversion.h"
#include "documents/test_support.h"
#include "tests/api/api_fixture.h"
#include "tests/api/demo_people.h"
#include "tests/api/surveys_demo_form.h"

namespace ensemble::testing_support {
namespace {

namespace json = boost::json;
using demo::kMartine;
using demo::kNadia;
using demo::kOlivier;
using demo::kSeniorsCsv;

class SurveysFormsApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    bien_vieillir_ = CollectiveId("Bien Vieillir");
  }

  Reply Upload(const Session& who, const std::string& file, const std::string& query,
               const std::string& type = "text/csv") {
    return Call(&who, "POST", "/api/v1/surveys/forms" + query, file,
                {{"X-CSRF-Token", who.csrf}, {"Content-Type", type}});
  }

  std::string ForTheCollective() const {
    return "?collective_id=" + std::to_string(bien_vieillir_) + "&file_name=seniors.csv";
  }

  // A refused upload: the status, the code and the field, and nothing stored.
  Reply ExpectUploadRefused(const Session& who, const std::string& file, const std::string& query,
                            int status, const std::string& code, const std::string& field,
                            const std::string& type = "text/csv") {
    const std::string before = SnapshotData();
    const Reply reply = Upload(who, file, query, type);
    EXPECT_EQ(reply.status, status) << reply.body;
    EXPECT_EQ(reply.ErrorCode(), code) << reply.body;
    EXPECT_EQ(reply.ErrorField(), field) << reply.body;
    EXPECT_EQ(SnapshotData(), before) << "a refused upload changed stored data";
    return reply;
  }

  std::int64_t bien_vieillir_ = 0;
};

TEST_F(SurveysFormsApi, TheCoordinatorUploadsForHerCollectiveAndEveryMemberCollectsIt) {
  const Session nadia = SignIn(kNadia);
  const Reply created = Upload(nadia, kSeniorsCsv, ForTheCollective());
  ASSERT_EQ(created.status, 201) << created.body;
  const json::object& form = created.json.as_object();
  EXPECT_EQ(form.at("title").as_string(), "Bien vieillir à Roubaix");
  EXPECT_EQ(form.at("xform_id").as_string(), "bien_vieillir_roubaix");
  EXPECT_EQ(form.at("collective_name").as_string(), "Bien Vieillir");
  EXPECT_EQ(form.at("version").as_string(), "2026-12");
  EXPECT_EQ(form.at("versions").as_array().size(), 1u);
  const std::string id = std::to_string(form.at("id").as_int64());

  // Alma's referent, a member, finds it in her list and may answer it, not change it.
  const Session martine = SignIn(kMartine);
  const Reply list = Get(martine, "/api/v1/surveys/forms");
  ASSERT_EQ(list.status, 200) << list.body;
  // Beside the demo's two questionnaires of the collective.
  const json::value* listed = nullptr;
  for (const json::value& item : list.json.at("items").as_array()) {
    if (item.at("xform_id") == "bien_vieillir_roubaix") listed = &item;
  }
  ASSERT_NE(listed, nullptr) << list.body;
  EXPECT_EQ(list.json.at("items").as_array().size(), 3u) << list.body;
  const json::array& actions = listed->at("actions").as_array();
  EXPECT_NE(std::find(actions.begin(), actions.end(), json::value("submit")), actions.end());
  EXPECT_EQ(std::find(actions.begin(), actions.end(), json::value("update_form")), actions.end());

  // The XForm ODK clients fill: the form's id and version, its MD5 as the ETag.
  const Reply xform = Get(martine, "/api/v1/surveys/forms/" + id + "/xform");
  ASSERT_EQ(xform.status, 200) << xform.body;
  EXPECT_EQ(xform.headers.at("content-type"), "text/xml; charset=utf-8");
  EXPECT_NE(xform.body.find("<data id=\"bien_vieillir_roubaix\" version=\"2026-12\">"),
            std::string::npos)
      << xform.body;
  EXPECT_NE(xform.body.find("relevant=\" /data/seul  = 'non'\""), std::string::npos);
  const std::string etag = xform.headers.at("etag");
  EXPECT_EQ(etag,
            "\"md5:" + std::string(form.at("versions").at(0).at("xform_md5").as_string()) + "\"");
}

TEST_F(SurveysFormsApi, AStructureOutsideTheCollectiveNeverLearnsTheFormExists) {
  const Reply created = Upload(SignIn(kNadia), kSeniorsCsv, ForTheCollective());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.json.at("id").as_int64());
  for (const char* outsider : {kOlivier, demo::kAnne}) {
    const Session who = SignIn(outsider);
    const Reply form = Get(who, "/api/v1/surveys/forms/" + id);
    const Reply missing = Get(who, "/api/v1/surveys/forms/999999");
    EXPECT_EQ(form.status, 404) << outsider << ": " << form.body;
    EXPECT_EQ(form.body, missing.body) << outsider;
    EXPECT_EQ(Get(who, "/api/v1/surveys/forms/" + id + "/xform").status, 404) << outsider;
    const Reply list = Get(who, "/api/v1/surveys/forms");
    ASSERT_EQ(list.status, 200) << list.body;
    EXPECT_EQ(list.body.find("Bien vieillir à Roubaix"), std::string::npos) << outsider;
  }
  // The member, with the same request, reads it.
  EXPECT_EQ(Get(SignIn(kMartine), "/api/v1/surveys/forms/" + id).status, 200);
}

TEST_F(SurveysFormsApi, OnlyADirectorOrCoordinatorDesignsAndOnlyForItsOwnCollectives) {
  ExpectUploadRefused(SignIn(kMartine), kSeniorsCsv, ForTheCollective(), 403, "permission_denied",
                      "");
  // The federation's coordinator is no member of « Bien Vieillir »: the collective is hidden.
  const Reply hidden = ExpectUploadRefused(SignIn(kOlivier), kSeniorsCsv, ForTheCollective(), 404,
                                           "not_found", "collective_id");
  // For its own structure alone, the same file is welcome.
  const Reply own = Upload(SignIn(kOlivier), kSeniorsCsv, "?file_name=seniors.csv");
  EXPECT_EQ(own.status, 201) << own.body;
  (void)hidden;
}

TEST_F(SurveysFormsApi, AFileWithErrorsIsAnsweredWhereEachErrorIs) {
  const std::string broken =
      "survey,type,name,label,relevant\n"
      ",integer,age,Âge,\n"
      ",texte,metier,Métier,\n"
      ",text,aidant,Aidant,${agee} > 1\n"
      ",select_one genre,genre,Genre,\n"
      ",end group,,,\n";
  const Reply reply = ExpectUploadRefused(SignIn(kNadia), broken, "?file_name=cass%C3%A9.csv", 400,
                                          "invalid_argument", "file");
  const json::array& problems = reply.json.at("problems").as_array();
  ASSERT_EQ(problems.size(), 4u) << reply.body;
  const auto at = [&](std::size_t i, std::int64_t row, const char* column, const char* id) {
    EXPECT_EQ(problems[i].at("sheet").as_string(), "survey") << i;
    EXPECT_EQ(problems[i].at("row").as_int64(), row) << i;
    EXPECT_EQ(problems[i].at("column").as_string(), column) << i;
    EXPECT_EQ(problems[i].at("message_id").as_string(), id) << i;
  };
  at(0, 3, "type", "surveys.xlsform.unknown_type");
  at(1, 5, "type", "surveys.xlsform.unknown_list");
  at(2, 6, "type", "surveys.xlsform.end_group_without_begin");
  at(3, 4, "relevant", "surveys.xlsform.unknown_reference");
  EXPECT_EQ(problems[0].at("message").as_string(), "Le type « texte » n’existe pas en XLSForm.");
  EXPECT_EQ(reply.json.at("error").at("message").as_string(), "Le XLSForm a 4 erreurs à corriger.");
}

TEST_F(SurveysFormsApi, FilesThatAreNoXlsFormAreRefusedWithWhatToDo) {
  const Session nadia = SignIn(kNadia);
  ExpectUploadRefused(nadia, "", "", 400, "invalid_argument", "file");
  ExpectUploadRefused(nadia, "%PDF-1.7 not a spreadsheet", "", 400, "invalid_argument", "file");
  // An Excel 97-2003 file: the OLE header and a "Workbook" stream in its directory.
  std::string xls(2048, '\0');
  const unsigned char magic[] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  std::copy(std::begin(magic), std::end(magic), xls.begin());
  const Reply old = ExpectUploadRefused(nadia, xls, "", 400, "invalid_argument", "file",
                                        "application/vnd.ms-excel");
  (void)old;
  // A zip that is no workbook (a .docx, a renamed archive).
  ExpectUploadRefused(nadia, std::string("PK\x03\x04", 4) + std::string(60, '\0'), "", 400,
                      "invalid_argument", "file");
  ExpectUploadRefused(nadia, kSeniorsCsv, "?collective_id=abc", 400, "invalid_argument",
                      "collective_id");
  ExpectUploadRefused(nadia, kSeniorsCsv, "?title=" + std::string(300, 'x'), 400,
                      "invalid_argument", "title");
}

TEST_F(SurveysFormsApi, AFormIdTakenByAnotherQuestionnaireIsAConflict) {
  const Session nadia = SignIn(kNadia);
  ASSERT_EQ(Upload(nadia, kSeniorsCsv, "").status, 201);
  ExpectUploadRefused(SignIn(demo::kClaire), kSeniorsCsv, "", 409, "already_exists", "file");
  // Without a form_id the server makes one, unique even for the same file at the same instant.
  const std::string without_id = "survey,type,name,label\n,text,nom,Nom\n";
  const Reply first = Upload(nadia, without_id, "?title=Premier");
  const Reply second = Upload(nadia, without_id, "?title=Second");
  ASSERT_EQ(first.status, 201) << first.body;
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_NE(first.json.at("xform_id"), second.json.at("xform_id"));
}

TEST_F(SurveysFormsApi, AnXlsxWorkbookWrittenByOpenpyxlIsRead) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("ensemble-xlsx-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "seniors.xlsx";
  const std::string script =
      "import openpyxl, sys\n"
      "wb = openpyxl.Workbook()\n"
      "s = wb.active; s.title = 'survey'\n"
      "for r in [('type','name','label::Français (fr)','label::English (en)','constraint'),\n"
      "          ('integer','age','Âge','Age','. >= 60'),\n"
      "          ('select_one oui_non','seul','Seul ?','Alone?',None)]: s.append(r)\n"
      "c = wb.create_sheet('choices')\n"
      "for r in [('list_name','name','label::Français (fr)','label::English (en)'),\n"
      "          ('oui_non','oui','Oui','Yes'), ('oui_non','non','Non','No')]: c.append(r)\n"
      "t = wb.create_sheet('settings')\n"
      "t.append(('form_title','form_id','default_language')); "
      "t.append(('Seniors','seniors_xlsx','Français (fr)'))\n"
      "wb.save(sys.argv[1])\n";
  const auto script_path = dir / "make.py";
  std::ofstream(script_path) << script;
  ASSERT_EQ(std::system(("/usr/bin/python3 " + script_path.string() + " " + file.string()).c_str()),
            0);
  std::ifstream in(file, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  const Reply created = Upload(SignIn(kNadia), bytes.str(), "?file_name=seniors.xlsx",
                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  std::filesystem::remove_all(dir);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json.at("versions").at(0).at("source_format").as_string(), "xlsx");
  const Reply xform =
      Get(SignIn(kNadia),
          "/api/v1/surveys/forms/" + std::to_string(created.json.at("id").as_int64()) + "/xform");
  EXPECT_NE(xform.body.find("<translation default=\"true()\" lang=\"Français (fr)\">"),
            std::string::npos)
      << xform.body;
}

// The questionnaire written back as an XLSForm, for its authors to edit: the .xlsx holds the
// uploaded cells as openpyxl reads them, an expression kept as text, and the settings naming the
// version the server serves; uploaded again, each file is the same form (its form_id already
// taken until it is changed, then the same XForm under the new id).
TEST_F(SurveysFormsApi, AQuestionnaireDownloadsAsTheXlsFormItWasUploadedAs) {
  const Session nadia = SignIn(kNadia);
  const Reply created = Upload(nadia, kSeniorsCsv, ForTheCollective());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string form =
      "/api/v1/surveys/forms/" + std::to_string(created.json.at("id").as_int64());
  // A member of the collective reads it as she reads its XForm.
  const Session martine = SignIn(kMartine);
  const Reply xlsx = Get(martine, form + "/xlsform.xlsx");
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.headers.at("content-disposition"),
            "attachment; filename=\"bien_vieillir_roubaix.xlsx\"");
  documents::test_support::ScratchDir dir;
  const auto read = documents::test_support::RunCommand(
      std::string(documents::test_support::kPython) + " -c \"" +
      "import sys, openpyxl\n"
      "book = openpyxl.load_workbook(sys.argv[1])\n"
      "for sheet in book.worksheets:\n"
      "    print('## ' + sheet.title)\n"
      "    for row in sheet.iter_rows(values_only=True):\n"
      "        print('|'.join('' if v is None else str(v) for v in row))\n"
      "\" " +
      dir.Write("form.xlsx", xlsx.body) + " 2>&1");
  ASSERT_EQ(read.exit_code, 0) << read.out;
  EXPECT_EQ(read.out,
            "## survey\n"
            "type|name|label|required|relevant|constraint\n"
            "integer|age|Âge|yes||. >= 60 and . <= 110\n"
            "select_one oui_non|seul|Vivez-vous seul ?|yes||\n"
            "text|aidant|Qui vous aide ?||${seul} = 'non'|\n"
            "image|photo|Photo du logement|||\n"
            "## choices\n"
            "list_name|name|label\n"
            "oui_non|oui|Oui\n"
            "oui_non|non|Non\n"
            "## settings\n"
            "form_title|form_id|version\n"
            "Bien vieillir à Roubaix|bien_vieillir_roubaix|2026-12\n");

  // Its form_id is the questionnaire's: uploaded again, it is that one's (409), nothing stored.
  ExpectUploadRefused(nadia, xlsx.body, ForTheCollective(), 409, "already_exists", "file",
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  // The one-file CSV of Ensemble's editor: under another id, the same XForm.
  const Reply csv = Get(martine, form + "/xlsform.csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers.at("content-type"), "text/csv; charset=utf-8");
  std::string copy = csv.body;
  const std::string id = "bien_vieillir_roubaix";
  copy.replace(copy.find("," + id + ","), id.size() + 2, ",copie_roubaix,");
  const Reply again = Upload(nadia, copy, ForTheCollective());
  ASSERT_EQ(again.status, 201) << again.body;
  std::string original = Get(martine, form + "/xform").body;
  const std::string copied =
      Get(martine,
          "/api/v1/surveys/forms/" + std::to_string(again.json.at("id").as_int64()) + "/xform")
          .body;
  for (std::size_t at = original.find(id); at != std::string::npos; at = original.find(id)) {
    original.replace(at, id.size(), "copie_roubaix");
  }
  EXPECT_EQ(copied, original);
}

// With LibreOffice on the server (scripts/setup installs it), an old .xls is converted at the
// upload: the same questionnaire as its .xlsx, the version keeping the converted workbook. A file
// LibreOffice cannot read is refused at the file, and nothing is stored. LibreOffice also opens
// the XLSForm the server writes back.
class SurveysXlsApi : public SurveysFormsApi {
 protected:
  app::AppOptions AppOptionsForTest() override {
    app::AppOptions options = SurveysFormsApi::AppOptionsForTest();
    options.soffice = spreadsheet::FindSoffice();
    return options;
  }
};

TEST_F(SurveysXlsApi, AnOldXlsIsConvertedByLibreOfficeToTheSameQuestionnaire) {
  ASSERT_FALSE(spreadsheet::FindSoffice().empty()) << "LibreOffice is missing: run scripts/setup";
  documents::test_support::ScratchDir dir;
  const std::string make =
      "import openpyxl, sys\n"
      "wb = openpyxl.Workbook()\n"
      "s = wb.active; s.title = 'survey'\n"
      "for r in [('type','name','label::Français (fr)','constraint'),\n"
      "          ('integer','age','Âge','. >= 60'),\n"
      "          ('select_one oui_non','seul','Seul ?',None)]: s.append(r)\n"
      "c = wb.create_sheet('choices')\n"
      "for r in [('list_name','name','label::Français (fr)'),\n"
      "          ('oui_non','oui','Oui'), ('oui_non','non','Non')]: c.append(r)\n"
      "t = wb.create_sheet('settings')\n"
      "t.append(('form_title','form_id','version')); t.append(('Seniors','seniors_xls','7'))\n"
      "wb.save(sys.argv[1])\n";
  const std::string xlsx_path = dir.File("seniors.xlsx");
  ASSERT_EQ(documents::test_support::RunCommand(std::string(documents::test_support::kPython) +
                                                " " + dir.Write("make.py", make) + " " + xlsx_path)
                .exit_code,
            0);
  // LibreOffice writes the .xls a person would have from Excel 97-2003.
  const std::string profile = "-env:UserInstallation=file://" + dir.File("profile");
  const auto to_xls = documents::test_support::RunCommand(
      spreadsheet::FindSoffice() + " --headless --norestore " + profile +
      " --convert-to xls --outdir " + dir.File("") + " " + xlsx_path + " 2>&1");
  ASSERT_EQ(to_xls.exit_code, 0) << to_xls.out;
  std::ifstream in(dir.File("seniors.xls"), std::ios::binary);
  std::stringstream xls;
  xls << in.rdbuf();
  ASSERT_EQ(spreadsheet::Sniff(xls.str()), spreadsheet::Format::kXls);

  const Session nadia = SignIn(kNadia);
  // A referent may not design: refused before LibreOffice runs.
  ExpectUploadRefused(SignIn(kMartine), xls.str(), "?file_name=seniors.xls", 403,
                      "permission_denied", "", "application/vnd.ms-excel");
  const Reply created =
      Upload(nadia, xls.str(), "?file_name=seniors.xls", "application/vnd.ms-excel");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.json.at("versions").at(0).at("file_name").as_string(), "seniors.xls");
  const std::string form =
      "/api/v1/surveys/forms/" + std::to_string(created.json.at("id").as_int64());
  const Reply xform = Get(nadia, form + "/xform");
  EXPECT_NE(xform.body.find("<data id=\"seniors_xls\" version=\"7\">"), std::string::npos)
      << xform.body;
  EXPECT_NE(xform.body.find("constraint=\". >= 60\""), std::string::npos) << xform.body;
  EXPECT_NE(xform.body.find("Seul ?"), std::string::npos);

  // A file posing as .xls that LibreOffice cannot read.
  std::string fake = xls.str().substr(0, 4096);
  fake.resize(xls.str().size(), '\x5a');
  ExpectUploadRefused(nadia, fake, "?file_name=faux.xls", 400, "invalid_argument", "file",
                      "application/vnd.ms-excel");

  // LibreOffice opens the XLSForm written back: its survey sheet as CSV.
  const Reply written = Get(nadia, form + "/xlsform.xlsx");
  ASSERT_EQ(written.status, 200);
  const std::string back = dir.Write("back.xlsx", written.body);
  const auto to_csv = documents::test_support::RunCommand(
      spreadsheet::FindSoffice() + " --headless --norestore " + profile +
      " --convert-to csv:\"Text - txt - csv (StarCalc)\":44,34,76 --outdir " + dir.File("") + " " +
      back + " 2>&1");
  ASSERT_EQ(to_csv.exit_code, 0) << to_csv.out;
  std::ifstream csv_in(dir.File("back.csv"), std::ios::binary);
  std::stringstream csv;
  csv << csv_in.rdbuf();
  EXPECT_EQ(csv.str(),
            "type,name,label::Français (fr),constraint\n"
            "integer,age,Âge,. >= 60\n"
            "select_one oui_non,seul,Seul ?,\n");
}

}  // namespace
}  // namespace ensemble::testing_support
