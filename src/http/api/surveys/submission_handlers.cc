// Answers to a questionnaire, from our pages (and, with the same use case, from ODK clients):
// the instance's XML as the body, or a multipart/form-data body as OpenRosa clients post it
// (the part xml_submission_file and one part per file); the acting structure's own answers; one
// file of one of them.
#include <boost/json.hpp>
#include <cctype>

#include "core/text.h"
#include "http/api/handler_support.h"
#include "http/api/json_body.h"
#include "http/api/surveys/handlers.h"
#include "http/error_mapping.h"
#include "http/multipart.h"
#include "i18n/i18n.h"

namespace ensemble::http::handlers {
namespace {

constexpr std::string_view kXmlPart = "xml_submission_file";

std::string MediaTypeOf(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  return AsciiLower(Trim(content_type.substr(0, semicolon)));
}

}  // namespace

Result<app::SubmissionUpload> SubmissionUploadOf(const Request& request) {
  const std::string_view content_type = request.Header("content-type");
  const std::string media_type = MediaTypeOf(content_type);
  app::SubmissionUpload upload;
  if (media_type == "text/xml" || media_type == "application/xml") {
    upload.xml = request.body;
    return upload;
  }
  if (media_type != "multipart/form-data") {
    return Fail(ErrorCode::kUnsupportedMedia, "surveys.submission.not_xml_body", "Content-Type");
  }
  const std::string boundary = ENSEMBLE_TRY(BoundaryOf(content_type));
  bool has_xml = false;
  for (const Part& part : ENSEMBLE_TRY(ParseMultipart(request.body, boundary))) {
    if (part.name == kXmlPart) {
      upload.xml = std::string(part.body);
      has_xml = true;
      continue;
    }
    // ODK Collect names each file's part after the file; browsers' FormData give its name as
    // the filename.
    upload.files.push_back({part.filename.empty() ? part.name : part.filename, part.content_type,
                            std::string(part.body)});
  }
  if (!has_xml) {
    return Fail(ErrorCode::kInvalidArgument, "surveys.submission.no_xml_part",
                std::string(kXmlPart));
  }
  return upload;
}

namespace {

boost::json::array StringsJson(const std::vector<std::string>& values) {
  boost::json::array out;
  for (const std::string& value : values) out.emplace_back(value);
  return out;
}

boost::json::array ViolationsJson(const std::vector<surveys::Violation>& violations,
                                  Language language) {
  boost::json::array out;
  for (const surveys::Violation& v : violations) {
    out.push_back(boost::json::object{{"path", v.path},
                                      {"message", i18n::Render(v.message, language)},
                                      {"message_id", v.message.id},
                                      {"params", ParamsJson(v.message)}});
  }
  return out;
}

boost::json::object ViewJson(const app::SubmissionView& view) {
  const surveys::Submission& s = view.submission;
  boost::json::object answers;
  for (const app::AnswerValue& answer : view.answers) answers[answer.path] = answer.value;
  boost::json::array files;
  for (const surveys::Attachment& a : view.attachments) {
    files.push_back(boost::json::object{{"name", a.name},
                                        {"content_type", a.content_type},
                                        {"bytes", a.bytes},
                                        {"sha256", a.sha256}});
  }
  return boost::json::object{
      {"id", s.id},
      {"instance_id", s.instance_id},
      {"deprecated_id",
       s.deprecated_id ? boost::json::value(*s.deprecated_id) : boost::json::value(nullptr)},
      {"structure_id", s.structure},
      {"form_version", s.form_version},
      {"version", view.version},
      {"submitted_at", s.submitted_at},
      {"submitted_by_name", view.submitted_by_name},
      {"encrypted", view.encrypted},
      {"answers", std::move(answers)},
      {"files", std::move(files)}};
}

// RFC 5987's ext-value for a UTF-8 file name: attr-chars as they are, every other byte %XX.
std::string ExtValue(std::string_view name) {
  constexpr std::string_view kAttrChars = "!#$&+-.^_`|~";
  constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "UTF-8''";
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 && byte < 0x80) {
      out += c;
    } else if (kAttrChars.find(c) != std::string_view::npos) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

// A file as a download only: what a person uploaded is never rendered by the browser as a page
// of ours, whatever type it claims.
Response FileResponse(const surveys::Attachment& attachment) {
  Response response;
  response.status = 200;
  response.body = attachment.data;
  const std::string type = MediaTypeOf(attachment.content_type);
  const bool known = type.starts_with("image/") || type.starts_with("audio/") ||
                     type.starts_with("video/") || type == "text/csv";
  response.SetHeader("Content-Type",
                     known && type != "image/svg+xml" ? type : "application/octet-stream");
  response.SetHeader("Content-Disposition", "attachment; filename*=" + ExtValue(attachment.name));
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("Content-Security-Policy", "sandbox; default-src 'none'");
  response.SetHeader("Cache-Control", "private, no-store");
  return response;
}

}  // namespace

Result<Response> Submit(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const app::SubmissionUpload upload = ENSEMBLE_TRY(SubmissionUploadOf(context.request));
  const app::SubmitOutcome outcome = ENSEMBLE_TRY(app.Submit(context.actor(), id, upload));
  const boost::json::array unchecked = ViolationsJson(outcome.unchecked, context.language);
  if (!outcome.stored) {
    Error error;
    error.code = ErrorCode::kInvalidArgument;
    error.message = Message{"surveys.submission.refused", {{"count", outcome.violations.size()}}};
    error.field = std::string(kXmlPart);
    return ErrorAnswerWith(error, context.language,
                           {{"problems", ViolationsJson(outcome.violations, context.language)},
                            {"unchecked", unchecked}});
  }
  boost::json::object body = ViewJson(*outcome.stored);
  body["resent"] = outcome.resent;
  body["unchecked"] = unchecked;
  body["ignored_files"] = StringsJson(outcome.ignored_files);
  return JsonAnswer(body, outcome.resent ? 200 : 201);
}

Result<Response> ListSubmissions(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const app::SubmissionList list = ENSEMBLE_TRY(app.ListSubmissions(context.actor(), id));
  boost::json::array questions;
  for (const app::QuestionColumn& q : list.questions) {
    questions.push_back(boost::json::object{{"path", q.path},
                                            {"name", q.name},
                                            {"label", q.label},
                                            {"type", q.type},
                                            {"repeated", !q.repeat_path.empty()}});
  }
  boost::json::array items;
  for (const app::SubmissionView& view : list.items) items.push_back(ViewJson(view));
  return JsonAnswer(
      boost::json::object{{"questions", std::move(questions)}, {"items", std::move(items)}});
}

namespace {

Result<Response> AnswersFileResponse(app::SurveysUseCases& app, RouteContext& context,
                                     app::AnswersFormat format) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return ExportResponse(
      ENSEMBLE_TRY(app.ExportAnswers(context.actor(), id, format, context.language)), format);
}

Result<Response> ResultsFileResponse(app::SurveysUseCases& app, RouteContext& context,
                                     app::AnswersFormat format) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return ExportResponse(
      ENSEMBLE_TRY(app.ExportResults(context.actor(), id, format, context.language)), format);
}

}  // namespace

namespace {

std::string_view ContentTypeOf(app::AnswersFormat format) {
  switch (format) {
    case app::AnswersFormat::kCsv:
      return "text/csv; charset=utf-8";
    case app::AnswersFormat::kXlsx:
      return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    case app::AnswersFormat::kPdf:
      return "application/pdf";
  }
  return "application/octet-stream";
}

}  // namespace

Response ExportResponse(app::AnswersFile file, app::AnswersFormat format) {
  Response response;
  response.status = 200;
  response.body = std::move(file.bytes);
  response.SetHeader("Content-Type", std::string(ContentTypeOf(format)));
  // ASCII letters, digits, _ - . only (AsciiFileName): safe in a quoted file name.
  response.SetHeader("Content-Disposition", "attachment; filename=\"" + file.name + "\"");
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

Result<Response> ExportAnswersCsv(app::SurveysUseCases& app, RouteContext& context) {
  return AnswersFileResponse(app, context, app::AnswersFormat::kCsv);
}

Result<Response> ExportAnswersXlsx(app::SurveysUseCases& app, RouteContext& context) {
  return AnswersFileResponse(app, context, app::AnswersFormat::kXlsx);
}

namespace {

boost::json::object AnswersExportJson(const app::AnswersExportView& view) {
  const surveys::AnswersExportRun& run = view.run;
  const bool done = run.state == surveys::ExportState::kDone;
  boost::json::value finished = nullptr;
  if (run.finished_at) finished = *run.finished_at;
  boost::json::value error = nullptr;
  if (!run.error.empty()) error = boost::json::string(run.error);
  boost::json::value file = nullptr;
  if (done) {
    file =
        boost::json::object{{"name", run.file_name},
                            {"bytes", run.bytes},
                            {"answers", run.answers},
                            {"url", "/api/v1/surveys/exports/" + std::to_string(run.id) + "/file"}};
  }
  return boost::json::object{{"id", run.id},
                             {"form_id", run.form},
                             {"format", run.format},
                             {"state", surveys::ToString(run.state)},
                             {"progress", boost::json::object{{"done", view.progress_done},
                                                              {"total", view.progress_total}}},
                             {"requested_at", run.requested_at},
                             {"finished_at", std::move(finished)},
                             {"file", std::move(file)},
                             {"error", std::move(error)}};
}

}  // namespace

// POST …/forms/{id}/exports {"format": "csv" | "xlsx"}: 202 and the export, queued.
Result<Response> RequestAnswersExport(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const JsonBody body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"format"}));
  const std::string format = ENSEMBLE_TRY(body.RequiredString("format"));
  if (format != "csv" && format != "xlsx") {
    return Fail(ErrorCode::kInvalidArgument, "surveys.export.format", "format");
  }
  const app::AnswersExportView view = ENSEMBLE_TRY(app.RequestAnswersExport(
      context.actor(), id, format == "csv" ? app::AnswersFormat::kCsv : app::AnswersFormat::kXlsx,
      context.language));
  return JsonAnswer(AnswersExportJson(view), 202);
}

Result<Response> GetAnswersExport(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return JsonAnswer(AnswersExportJson(ENSEMBLE_TRY(app.GetAnswersExport(context.actor(), id))));
}

Result<Response> DownloadAnswersExport(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  app::AnswersFile file = ENSEMBLE_TRY(app.DownloadAnswersExport(context.actor(), id));
  const bool csv = file.name.ends_with(".csv");
  return ExportResponse(std::move(file),
                        csv ? app::AnswersFormat::kCsv : app::AnswersFormat::kXlsx);
}

namespace {

Result<Response> DecryptedFileResponse(app::SurveysUseCases& app, RouteContext& context,
                                       app::AnswersFormat format) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const JsonBody body = ENSEMBLE_TRY(JsonBody::Parse(context.request));
  ENSEMBLE_TRY_STATUS(body.AllowOnly({"passphrase"}));
  const std::string passphrase = ENSEMBLE_TRY(body.RequiredString("passphrase"));
  app::AnswersFile file = ENSEMBLE_TRY(
      app.ExportDecryptedAnswers(context.actor(), id, passphrase, format, context.language));
  std::string unverified;
  for (const std::string& instance : file.unverified) {
    unverified += (unverified.empty() ? "" : ",") + instance;
  }
  Response response = ExportResponse(std::move(file), format);
  // instanceIDs are "uuid:" and a UUID (ReadInstance checks them): safe in a header.
  if (!unverified.empty()) response.SetHeader("Ensemble-Unverified-Instances", unverified);
  return response;
}

}  // namespace

Result<Response> ExportDecryptedCsv(app::SurveysUseCases& app, RouteContext& context) {
  return DecryptedFileResponse(app, context, app::AnswersFormat::kCsv);
}

Result<Response> ExportDecryptedXlsx(app::SurveysUseCases& app, RouteContext& context) {
  return DecryptedFileResponse(app, context, app::AnswersFormat::kXlsx);
}

Result<Response> ExportXlsFormXlsx(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return ExportResponse(
      ENSEMBLE_TRY(app.ExportXlsForm(context.actor(), id, app::AnswersFormat::kXlsx)),
      app::AnswersFormat::kXlsx);
}

Result<Response> ExportXlsFormCsv(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  return ExportResponse(
      ENSEMBLE_TRY(app.ExportXlsForm(context.actor(), id, app::AnswersFormat::kCsv)),
      app::AnswersFormat::kCsv);
}

Result<Response> ExportResultsCsv(app::SurveysUseCases& app, RouteContext& context) {
  return ResultsFileResponse(app, context, app::AnswersFormat::kCsv);
}

Result<Response> ExportResultsXlsx(app::SurveysUseCases& app, RouteContext& context) {
  return ResultsFileResponse(app, context, app::AnswersFormat::kXlsx);
}

Result<Response> GetSubmissionFile(app::SurveysUseCases& app, RouteContext& context) {
  const auto id = ENSEMBLE_TRY(context.params.Id("id"));
  const auto submission = ENSEMBLE_TRY(context.params.Id("submission_id"));
  const std::string_view name = context.params.Get("name");
  if (!IsSafePartName(name, 255)) {
    return Fail(ErrorCode::kInvalidArgument, "surveys.submission.file_not_found", "name");
  }
  return FileResponse(ENSEMBLE_TRY(app.GetAttachment(context.actor(), id, submission, name)));
}

}  // namespace ensemble::http::handlers
