// The exports of a structure's answers made in the background. A large export takes seconds to
// write (100,000 answers: 1.4 s as CSV, 3.4 s as XLSX in bench/), which a request should not
// hold and a person should see advance: she asks, a job writes the file as ExportAnswers would
// and reports the answers written, her page shows it, and she downloads the file once made. The
// job acts as her, with the roles she has when it runs: one who may no longer read the answers
// gets no file. The file is hers alone and is removed a day after she asked. The answers are
// audited as her export when the job writes them, the file's download as a read of it.
#include <spdlog/spdlog.h>

#include "app/surveys/surveys_use_cases.h"
#include "app/surveys/use_case_support.h"
#include "core/language.h"

namespace ensemble::app {
namespace {

using storage::TransactionMode;
using surveys::Action;
using surveys::AnswersExportRun;
using surveys::ExportState;
using surveys::SurveyForm;

access::Target ExportTarget(const AnswersExportRun& run) {
  access::Target target;
  target.person = run.requested_by;
  return target;
}

}  // namespace

Result<AnswersExportRun> SurveysUseCases::FoundExport(storage::Transaction& tx, Gate& gate,
                                                      const Actor& actor, surveys::ExportId id) {
  const auto run = ENSEMBLE_TRY(tx.Surveys().FindExport(id));
  const StructureId structure = actor.acting_structure_id.value_or(0);
  // Another structure's export answers as a missing one: its id says nothing more.
  if (!run || run->structure != structure) {
    access::Target missing;
    missing.exists = false;
    ENSEMBLE_TRY_STATUS(
        gate.Check(surveys::SpecOf(Action::kReadOwnExport), missing, std::to_string(id)));
    return Internal("a missing export let through");
  }
  ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kReadAnswers),
                                 surveys::AnswersTarget(structure), std::to_string(run->form)));
  ENSEMBLE_TRY_STATUS(
      gate.Check(surveys::SpecOf(Action::kReadOwnExport), ExportTarget(*run), std::to_string(id)));
  return *run;
}

Result<AnswersExportView> SurveysUseCases::ExportViewOf(storage::Transaction& tx,
                                                        AnswersExportRun run) {
  AnswersExportView view{std::move(run), 0, 0};
  if (const auto job = ENSEMBLE_TRY(tx.Jobs().FindJob(view.run.job_id))) {
    view.progress_done = job->progress_done;
    view.progress_total = job->progress_total;
    // A job whose attempts ran out on lost leases never said so to its export.
    if (job->state == storage::JobState::kFailed && view.run.state != ExportState::kDone) {
      view.run.state = ExportState::kFailed;
      if (view.run.error.empty()) view.run.error = "surveys.export.failed";
    }
  }
  return view;
}

Result<AnswersExportView> SurveysUseCases::RequestAnswersExport(const Actor& actor,
                                                                surveys::FormId id,
                                                                AnswersFormat format,
                                                                Language language) {
  return Decided(
      TransactionMode::kWrite, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<AnswersExportView> {
        const SurveyForm record = ENSEMBLE_TRY(FoundForm(tx, gate, id));
        const StructureId structure = actor.acting_structure_id.value_or(0);
        ENSEMBLE_TRY_STATUS(gate.Check(surveys::SpecOf(Action::kReadAnswers),
                                       surveys::AnswersTarget(structure), std::to_string(id)));
        AnswersExportRun run;
        run.form = record.id;
        run.structure = structure;
        run.requested_by = actor.person_id;
        run.format = format == AnswersFormat::kCsv ? "csv" : "xlsx";
        run.language = std::string(ToString(language));
        run.requested_at = app_.clock().Now();
        run.id = ENSEMBLE_TRY(tx.Surveys().InsertExport(run));
        storage::NewJob job;
        job.kind = std::string(kAnswersExportJobKind);
        job.payload =
            "{\"" + std::string(kAnswersExportIdKey) + "\":" + std::to_string(run.id) + "}";
        job.owner_structure_id = structure;
        job.max_attempts = 2;
        run.job_id = ENSEMBLE_TRY(tx.Jobs().EnqueueJob(job, run.requested_at));
        ENSEMBLE_TRY_STATUS(tx.Surveys().SetExportJob(run.id, run.job_id));
        return AnswersExportView{std::move(run), 0, 0};
      });
}

Result<AnswersExportView> SurveysUseCases::GetAnswersExport(const Actor& actor,
                                                            surveys::ExportId id) {
  return Decided(TransactionMode::kRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<AnswersExportView> {
                   return ExportViewOf(tx, ENSEMBLE_TRY(FoundExport(tx, gate, actor, id)));
                 });
}

Result<AnswersFile> SurveysUseCases::DownloadAnswersExport(const Actor& actor,
                                                           surveys::ExportId id) {
  return Decided(TransactionMode::kAuditedRead, actor,
                 [&](storage::Transaction& tx, Gate& gate) -> Result<AnswersFile> {
                   const AnswersExportRun run = ENSEMBLE_TRY(FoundExport(tx, gate, actor, id));
                   if (run.state != ExportState::kDone) {
                     return Fail(ErrorCode::kConflict, "surveys.export.not_ready", "export_id");
                   }
                   AnswersFile file;
                   file.name = run.file_name;
                   file.bytes = ENSEMBLE_TRY(tx.Surveys().ExportContent(id));
                   file.answers = run.answers;
                   // The answers were audited as her export when the job wrote them; this is the
                   // file read.
                   ENSEMBLE_TRY_STATUS(app_.Audit(
                       tx, actor, run.structure, "read", "survey_export", std::to_string(id),
                       {.params = {{"format", run.format}, {"count", run.answers}}}));
                   return file;
                 });
}

Status SurveysUseCases::RunAnswersExport(surveys::ExportId id, const WorkProgress& progress) {
  storage::Database& db = app_.database();
  // The export's row says whose it is; the work is then scoped to that structure.
  const auto found = ENSEMBLE_TRY(
      db.InTransaction(TransactionMode::kRead, storage::Scope::WholeDatabase(),
                       [&](storage::Transaction& tx) { return tx.Surveys().FindExport(id); }));
  if (!found || found->state == ExportState::kDone || found->state == ExportState::kFailed) {
    return Ok();
  }
  const AnswersExportRun run = *found;
  Actor actor;
  actor.person_id = run.requested_by;
  actor.acting_structure_id = run.structure;
  const storage::Scope scope = App::ScopeOf(actor);
  ENSEMBLE_TRY_STATUS(db.InTransaction(
      TransactionMode::kWrite, scope,
      [&](storage::Transaction& tx) { return tx.Surveys().MarkExportRunning(id); }));
  const AnswersFormat format = run.format == "csv" ? AnswersFormat::kCsv : AnswersFormat::kXlsx;
  const Language language = ParseLanguage(run.language).value_or(Language::kFrench);
  // The file as she would get it now: her roles of now (the gate reads `actor` as it is when it
  // decides), the answers of now; audited as her export, as ExportAnswers is.
  auto file = app_.DecidedIn(
      TransactionMode::kAuditedRead, scope, actor,
      [&](storage::Transaction& tx, Gate& gate) -> Result<AnswersFile> {
        actor.roles = ENSEMBLE_TRY(tx.Tenancy().RolesIn(run.requested_by, run.structure));
        const SurveyForm record = ENSEMBLE_TRY(FoundForm(tx, gate, run.form));
        return AnswersFileOf(tx, gate, actor, record, format, language, nullptr, &progress);
      });
  const UnixMillis now = app_.clock().Now();
  if (!file) {
    // A lost lease or a stopping server: the job is claimed again and the export made anew.
    if (file.error().code == ErrorCode::kConflict || file.error().code == ErrorCode::kUnavailable) {
      return std::unexpected(file.error());
    }
    spdlog::warn("export {} of form {} failed: {} [{}]", id, run.form, file.error().message.id,
                 file.error().context);
    return db.InTransaction(TransactionMode::kWrite, scope, [&](storage::Transaction& tx) {
      return tx.Surveys().FailExport(id, file.error().message.id, now);
    });
  }
  return db.InTransaction(TransactionMode::kWrite, scope, [&](storage::Transaction& tx) {
    return tx.Surveys().CompleteExport(id, file->name, file->bytes, file->answers, now);
  });
}

}  // namespace ensemble::app
