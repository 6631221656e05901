// The surveys API's shapes the pages use, by name, from the types generated out of
// docs/openapi.json.
import type { components } from '../../generated/openapi';

type Schemas = components['schemas'];

export type SurveyFormSummary = Schemas['SurveyFormSummary'];
export type SurveyForm = Schemas['SurveyForm'];
export type SurveyFormList = Schemas['SurveyFormList'];
export type SurveyFormCreated = Schemas['SurveyFormCreated'];
export type SurveyFormKey = Schemas['SurveyFormKey'];
export type SurveyFormKeyCreated = Schemas['SurveyFormKeyCreated'];
export type XlsFormProblem = Schemas['XlsFormProblem'];
export type SurveySubmission = Schemas['SurveySubmission'];
export type SurveySubmissionStored = Schemas['SurveySubmissionStored'];
export type SurveySubmissionList = Schemas['SurveySubmissionList'];
export type SubmissionProblem = Schemas['SubmissionProblem'];
export type SurveyCollector = Schemas['SurveyCollector'];
export type SurveyCollectorCreated = Schemas['SurveyCollectorCreated'];
export type SurveyCollectorList = Schemas['SurveyCollectorList'];
export type SurveyResults = Schemas['SurveyResults'];
export type SurveyResultCell = Schemas['SurveyResultCell'];
export type SurveyNumberStatistic = Schemas['SurveyNumberStatistic'];
export type SurveyCrossTable = Schemas['SurveyCrossTable'];
export type SurveyAnswersExport = Schemas['SurveyAnswersExport'];
