// The staffing API's shapes the pages use, by name, from the types generated out of
// docs/openapi.json (as web/src/types.ts does for the shared ones).
import type { components } from '../../generated/openapi';

type Schemas = components['schemas'];

export type DayRecord = Schemas['DayRecord'];
export type RecordDayRequest = Schemas['RecordDayRequest'];
export type AbsenceKind = NonNullable<RecordDayRequest['absence']>['kind'];
export type CarrierSettings = Schemas['CarrierSettings'];
export type CarrierRate = CarrierSettings['rates'][number];
export type SiteDistance = CarrierSettings['distances'][number];
export type VatTreatment = Schemas['VatSettingRequest']['treatment'];
export type SubsidyLine = Schemas['SubsidyLine'];
export type SalaryChangeRequest = Schemas['SalaryChangeRequest'];
export type PayrollRequest = Schemas['PayrollRequest'];
export type PlannedHalfDay = Schemas['PlannedHalfDay'];
export type PositionPlan = Schemas['PositionPlan'];
export type MyPlan = Schemas['MyPlan'];
export type PlanRun = Schemas['PlanRunWithProgress'];
export type PlanRules = Schemas['PlanRules'];
export type PlanRequest = Schemas['PlanRequest'];
export type Shortfall = Schemas['PlanRun']['shortfalls'][number];
export type TimeView = Schemas['TimeView'];
export type CollectivePositions = Schemas['CollectivePositions'];
