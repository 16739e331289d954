// The agreement editor's form model: what the fields hold while someone types (money as decimal text,
// empty numbers as ''), and how it becomes the API's body. Errors are keyed by the API's field paths
// ("recurringLines.0.catalogItemId") so the server's 400 details land on the same fields as our own checks.
import type { AgreementType, BlockRollover, VendorCausedRule } from '../../../shared/api/agreements.ts';
import type { DeviceClass } from '../../../shared/api/catalog.ts';
import type { TicketType } from '../../../shared/api/ticket-enums.ts';
import { centsToDecimal, parseMoney } from '../../../shared/money.ts';
import type { Agreement, AgreementBody } from './agreements-api.ts';
import { amountProblem, type FormErrors, type NumberValue, newRowKey } from './form-helpers.ts';
import { initialPenalty, type PenaltyValues, penaltyToBody } from './service-credits-form.ts';

export { amountProblem, type FormErrors, type NumberValue, newRowKey };

export interface LineValues {
  /** Stable React key for a row that has no id yet. */
  key: string;
  catalogItemId: string | null;
  description: string;
  quantity: NumberValue;
  minimumQuantity: NumberValue;
  unitPrice: string;
}

export interface RoleRateValues {
  key: string;
  workRoleId: string | null;
  rate: string;
}

export interface FormValues {
  clientId: string | null;
  type: AgreementType;
  name: string;
  startsOn: string;
  endsOn: string;
  isClientDefault: boolean;
  calendarId: string | null;
  slaPolicyId: string | null;
  hourlyRate: string;
  roleRates: RoleRateValues[];
  afterHoursPercent: NumberValue;
  weekendPercent: NumberValue;
  holidayPercent: NumberValue;
  coveredServiceIds: string[];
  coveredAssetTypes: DeviceClass[];
  excludedTicketTypes: TicketType[];
  excludedWorkTypeIds: string[];
  excludedWorkRoleIds: string[];
  fallbackAgreementId: string | null;
  onsiteMinimumMinutes: NumberValue;
  tripCharge: string;
  remoteTicketMinimumMinutes: NumberValue;
  roundingMinutes: NumberValue;
  vendorCausedWork: VendorCausedRule;
  requiresLoa: boolean;
  requiresClientApprovalOfVendorChanges: boolean;
  /** Off: no penalty schedule (null). The typed schedule is kept while off, in case it is switched back on. */
  hasServiceCredits: boolean;
  penalty: PenaltyValues;
  recurringLines: LineValues[];
  /** Sold in hours; the API counts minutes. */
  blockHours: NumberValue;
  blockPrice: string;
  overageRate: string;
  blockRollover: BlockRollover;
  blockExpiryMonths: NumberValue;
  retainer: string;
  fixedFee: string;
  notes: string;
}

/** What each form field is called in the API, so editing a field clears the server's error on it. */
export const apiPathOf: Partial<Record<keyof FormValues, string>> = {
  hourlyRate: 'hourlyRateCents',
  tripCharge: 'tripChargeCents',
  blockHours: 'blockMinutes',
  blockPrice: 'blockPriceCents',
  overageRate: 'overageRateCents',
  retainer: 'retainerCents',
  fixedFee: 'fixedFeeCents',
  hasServiceCredits: 'penaltySchedule',
  penalty: 'penaltySchedule',
};

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const decimal = (cents: number | null, currency: string) =>
  cents === null ? '' : centsToDecimal(cents, currency);
const orEmpty = (value: number | null): NumberValue => value ?? '';

export function emptyLine(): LineValues {
  return {
    key: newRowKey(),
    catalogItemId: null,
    description: '',
    quantity: 1,
    minimumQuantity: 0,
    unitPrice: '',
  };
}

export function initialValues(
  agreement: Agreement | undefined,
  defaults: { clientId: string | null },
): FormValues {
  if (!agreement) {
    return {
      clientId: defaults.clientId,
      type: 'managed',
      name: '',
      startsOn: today(),
      endsOn: '',
      isClientDefault: false,
      calendarId: null,
      slaPolicyId: null,
      hourlyRate: '',
      roleRates: [],
      afterHoursPercent: '',
      weekendPercent: '',
      holidayPercent: '',
      coveredServiceIds: [],
      coveredAssetTypes: [],
      excludedTicketTypes: [],
      excludedWorkTypeIds: [],
      excludedWorkRoleIds: [],
      fallbackAgreementId: null,
      onsiteMinimumMinutes: 0,
      tripCharge: '0',
      remoteTicketMinimumMinutes: 0,
      roundingMinutes: 1,
      vendorCausedWork: 'graduated',
      requiresLoa: false,
      requiresClientApprovalOfVendorChanges: false,
      hasServiceCredits: false,
      penalty: initialPenalty(null, 'USD'),
      recurringLines: [],
      blockHours: '',
      blockPrice: '',
      overageRate: '',
      blockRollover: 'none',
      blockExpiryMonths: '',
      retainer: '',
      fixedFee: '',
      notes: '',
    };
  }
  const currency = agreement.currency;
  return {
    clientId: agreement.clientId,
    type: agreement.type,
    name: agreement.name,
    startsOn: agreement.startsOn,
    endsOn: agreement.endsOn ?? '',
    isClientDefault: agreement.isClientDefault,
    calendarId: agreement.calendarId,
    slaPolicyId: agreement.slaPolicyId,
    hourlyRate: centsToDecimal(agreement.hourlyRateCents, currency),
    roleRates: agreement.roleRates.map((rate) => ({
      key: newRowKey(),
      workRoleId: rate.workRoleId,
      rate: centsToDecimal(rate.hourlyRateCents, currency),
    })),
    afterHoursPercent: orEmpty(agreement.afterHoursPercent),
    weekendPercent: orEmpty(agreement.weekendPercent),
    holidayPercent: orEmpty(agreement.holidayPercent),
    coveredServiceIds: agreement.coveredServiceIds,
    coveredAssetTypes: agreement.coveredAssetTypes,
    excludedTicketTypes: agreement.excludedTicketTypes,
    excludedWorkTypeIds: agreement.excludedWorkTypeIds,
    excludedWorkRoleIds: agreement.excludedWorkRoleIds,
    fallbackAgreementId: agreement.fallbackAgreementId,
    onsiteMinimumMinutes: agreement.onsiteMinimumMinutes,
    tripCharge: centsToDecimal(agreement.tripChargeCents, currency),
    remoteTicketMinimumMinutes: agreement.remoteTicketMinimumMinutes,
    roundingMinutes: agreement.roundingMinutes,
    vendorCausedWork: agreement.vendorCausedWork,
    requiresLoa: agreement.requiresLoa,
    requiresClientApprovalOfVendorChanges: agreement.requiresClientApprovalOfVendorChanges,
    hasServiceCredits: agreement.penaltySchedule !== null,
    penalty: initialPenalty(agreement.penaltySchedule, currency),
    recurringLines: agreement.recurringLines.map((line) => ({
      key: line.id,
      catalogItemId: line.catalogItemId,
      description: line.description ?? '',
      quantity: line.quantity,
      minimumQuantity: line.minimumQuantity,
      unitPrice: centsToDecimal(line.unitPriceCents, currency),
    })),
    blockHours: agreement.blockMinutes === null ? '' : agreement.blockMinutes / 60,
    blockPrice: decimal(agreement.blockPriceCents, currency),
    overageRate: decimal(agreement.overageRateCents, currency),
    blockRollover: agreement.blockRollover ?? 'none',
    blockExpiryMonths: orEmpty(agreement.blockExpiryMonths),
    retainer: decimal(agreement.retainerCents, currency),
    fixedFee: decimal(agreement.fixedFeeCents, currency),
    notes: agreement.notes,
  };
}

/**
 * The API body for the form, or the problems that stop it being sent. Only what the browser can tell on
 * its own is checked here (unreadable amounts, missing picks); combination rules are the server's, and
 * its 400 lands on the same fields.
 */
export function toBody(values: FormValues, currency: string): { body: AgreementBody; problems: FormErrors } {
  const problems: FormErrors = {};
  const money = (text: string, path: string): number => {
    const cents = parseMoney(text, currency);
    if (cents === null) problems[path] = amountProblem(text, currency);
    return cents ?? 0;
  };
  /** Typed for this agreement's type only; null otherwise, as the API expects. */
  const ownMoney = (type: AgreementType, text: string, path: string): number | null =>
    values.type === type ? money(text, path) : null;
  const whole = (value: NumberValue, path: string, message = 'Enter whole minutes'): number => {
    if (value === '' || !Number.isInteger(Number(value))) problems[path] = message;
    return Number(value) || 0;
  };
  const optionalWhole = (value: NumberValue): number | null => (value === '' ? null : Number(value));

  if (!values.name.trim()) problems.name = 'Enter a name';
  if (!values.startsOn) problems.startsOn = 'Enter the first day of the agreement';
  const isBlock = values.type === 'block_hours';
  let blockMinutes: number | null = null;
  if (isBlock) {
    const hours = Number(values.blockHours);
    if (values.blockHours === '' || !(hours > 0)) problems.blockMinutes = 'Enter the hours in a block';
    else blockMinutes = Math.round(hours * 60);
  }

  const body: AgreementBody = {
    name: values.name.trim(),
    startsOn: values.startsOn,
    endsOn: values.endsOn || null,
    isClientDefault: values.isClientDefault,
    calendarId: values.calendarId,
    slaPolicyId: values.slaPolicyId,
    hourlyRateCents: money(values.hourlyRate, 'hourlyRateCents'),
    roleRates: values.roleRates.map((rate, index) => {
      if (!rate.workRoleId) problems[`roleRates.${index}.workRoleId`] = 'Choose a work role';
      return {
        workRoleId: rate.workRoleId ?? '',
        hourlyRateCents: money(rate.rate, `roleRates.${index}.hourlyRateCents`),
      };
    }),
    afterHoursPercent: optionalWhole(values.afterHoursPercent),
    weekendPercent: optionalWhole(values.weekendPercent),
    holidayPercent: optionalWhole(values.holidayPercent),
    coveredServiceIds: values.coveredServiceIds,
    coveredAssetTypes: values.coveredAssetTypes,
    excludedTicketTypes: values.excludedTicketTypes,
    excludedWorkTypeIds: values.excludedWorkTypeIds,
    excludedWorkRoleIds: values.excludedWorkRoleIds,
    fallbackAgreementId: values.fallbackAgreementId,
    onsiteMinimumMinutes: whole(values.onsiteMinimumMinutes, 'onsiteMinimumMinutes'),
    tripChargeCents: money(values.tripCharge, 'tripChargeCents'),
    remoteTicketMinimumMinutes: whole(values.remoteTicketMinimumMinutes, 'remoteTicketMinimumMinutes'),
    roundingMinutes: whole(
      values.roundingMinutes,
      'roundingMinutes',
      'Enter whole minutes (1 = no rounding)',
    ),
    vendorCausedWork: values.vendorCausedWork,
    requiresLoa: values.requiresLoa,
    requiresClientApprovalOfVendorChanges: values.requiresClientApprovalOfVendorChanges,
    penaltySchedule: values.hasServiceCredits ? penaltyToBody(values.penalty, currency, problems) : null,
    recurringLines: values.recurringLines.map((line, index) => {
      const path = `recurringLines.${index}`;
      if (!line.catalogItemId) problems[`${path}.catalogItemId`] = 'Choose a catalog item';
      return {
        catalogItemId: line.catalogItemId ?? '',
        description: line.description.trim() || null,
        quantity: whole(line.quantity, `${path}.quantity`, 'A whole number'),
        minimumQuantity: whole(line.minimumQuantity, `${path}.minimumQuantity`, 'A whole number'),
        unitPriceCents: money(line.unitPrice, `${path}.unitPriceCents`),
      };
    }),
    blockMinutes,
    blockPriceCents: ownMoney('block_hours', values.blockPrice, 'blockPriceCents'),
    overageRateCents: ownMoney('block_hours', values.overageRate, 'overageRateCents'),
    blockRollover: isBlock ? values.blockRollover : null,
    blockExpiryMonths: isBlock ? optionalWhole(values.blockExpiryMonths) : null,
    retainerCents: ownMoney('retainer', values.retainer, 'retainerCents'),
    fixedFeeCents: ownMoney('project', values.fixedFee, 'fixedFeeCents'),
    notes: values.notes,
  };
  return { body, problems };
}

/** What every section of the editor is given. */
export interface SectionProps {
  values: FormValues;
  errors: FormErrors;
  /** Sets a field and clears its error, and the errors at `alsoClear` (e.g. a row's field). */
  set: <K extends keyof FormValues>(key: K, value: FormValues[K], alsoClear?: string[]) => void;
  /** The client's currency: every amount of the agreement is in it. */
  currency: string;
  readOnly: boolean;
}
