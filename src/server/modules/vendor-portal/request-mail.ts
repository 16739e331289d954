// A change request sent by mail: the subject names it ("Change request: <title>") and the body is a short
// form of "Field: value" lines. Reading the form is pure; which client and assets the names mean, and
// whether the vendor may ask, is decided by request-mail.service.ts. Every problem is collected, so the
// reply can list them all at once.
import { Temporal } from 'temporal-polyfill';
import { type ChangeRisk, changeRisks } from '../../../shared/api/change-requests.ts';

const SUBJECT = /^\s*change request\s*:\s*(.*)$/i;

/** The title a subject asks for, or null when it is not a change request (a reply's "Re:" is not). */
export function requestTitle(subject: string): string | null {
  const match = subject.match(SUBJECT);
  return match ? match[1]!.trim() : null;
}

const fields = {
  client: /^client$/,
  assets: /^(assets?|machines?|servers?)$/,
  window: /^window$/,
  risk: /^risk$/,
  emergency: /^emergency$/,
  description: /^(description|what will change|change)$/,
  backOutPlan: /^(back[- ]?out( plan)?|rollback( plan)?)$/,
} as const;
type Field = keyof typeof fields;

export interface RequestForm {
  clientName: string;
  assetNames: string[];
  windowStart: string;
  windowEnd: string;
  risk: ChangeRisk;
  emergency: boolean;
  description: string;
  backOutPlan: string;
}

/** The form when every field reads, else null with the problems; the client and assets named either way. */
export interface FormReading {
  form: RequestForm | null;
  clientName: string;
  assetNames: string[];
  problems: string[];
}

/** The form to fill in, as the reply to a refused request shows it. */
export const REQUEST_FORM_TEMPLATE = `Subject: Change request: <what you will do>

Client: <the client's name>
Assets: <machine name>, <another machine>
Window: 2026-12-01 22:00 to 2026-12-02 01:00 Europe/London
Risk: low, medium or high
Emergency: no
Description:
<what will change, on which machines>
Back-out plan:
<how the change is undone if it goes wrong>`;

function fieldOf(label: string): Field | null {
  const name = label.trim().toLowerCase();
  for (const [field, pattern] of Object.entries(fields) as [Field, RegExp][]) {
    if (pattern.test(name)) return field;
  }
  return null;
}

/** The form's values by field: a value runs on over the lines after it until the next field. */
function readFields(text: string): Map<Field, string> {
  const values = new Map<Field, string[]>();
  let current: Field | null = null;
  for (const line of text.split(/\r?\n/)) {
    // A signature or a quoted earlier message ends the form.
    if (line === '-- ' || line.startsWith('>')) break;
    const labelled = line.match(/^\s*([A-Za-z][A-Za-z -]{0,30}?)\s*:\s*(.*)$/);
    const field = labelled ? fieldOf(labelled[1]!) : null;
    if (field) {
      current = field;
      values.set(field, labelled![2]!.trim() ? [labelled![2]!.trim()] : []);
    } else if (current) {
      values.get(current)!.push(line);
    }
  }
  return new Map([...values].map(([field, lines]) => [field, lines.join('\n').trim()]));
}

const LOCAL = /(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})/;

/**
 * "2026-12-01 22:00 to 2026-12-02 01:00 Europe/London" (or "UTC", or an offset such as +01:00): both ends
 * in the zone named at the end. The zone is required: a window read in the wrong zone is a change made
 * at the wrong time.
 */
export function readWindow(text: string): { start: string; end: string } | string {
  const parts = text.split(/\s+(?:to|until|–|—|-)\s+/i);
  if (parts.length !== 2) return 'Window: write it as "2026-12-01 22:00 to 2026-12-02 01:00 Europe/London".';
  const [from, rest] = parts as [string, string];
  const start = from.match(LOCAL);
  const end = rest.match(LOCAL);
  if (!start || !end) return 'Window: give each end as a date and a time, "2026-12-01 22:00".';
  const zone = rest.slice(end.index! + end[0].length).trim();
  if (!zone) return 'Window: name the time zone after the end, e.g. "Europe/London" or "UTC".';
  const instant = (match: RegExpMatchArray) => {
    const [hour, minute] = match[2]!.split(':');
    const local = `${match[1]}T${hour!.padStart(2, '0')}:${minute}`;
    const timeZone = zone.toUpperCase() === 'UTC' ? 'UTC' : zone;
    return Temporal.PlainDateTime.from(local).toZonedDateTime(timeZone).toInstant().toString();
  };
  try {
    return { start: instant(start), end: instant(end) };
  } catch {
    return `Window: "${zone}" is not a time zone, or a date or time is not one (use a zone like "Europe/London").`;
  }
}

const yes = /^(yes|y|true)$/i;
const no = /^(no|n|false|)$/i;

/** Reads the form in a mail's text; every missing or unreadable field is named. */
export function readRequestForm(text: string): FormReading {
  const values = readFields(text);
  const problems: string[] = [];
  const required = (field: Field, label: string) => {
    const value = values.get(field) ?? '';
    if (!value) problems.push(`${label}: missing.`);
    return value;
  };
  const clientName = required('client', 'Client');
  const assetNames = required('assets', 'Assets')
    .split(/[,;\n]/)
    .map((name) => name.trim())
    .filter(Boolean);
  const windowText = required('window', 'Window');
  const window = windowText ? readWindow(windowText) : null;
  if (typeof window === 'string') problems.push(window);
  const riskText = required('risk', 'Risk').toLowerCase();
  const risk = changeRisks.find((r) => r === riskText);
  if (riskText && !risk) problems.push('Risk: low, medium or high.');
  const emergencyText = values.get('emergency') ?? '';
  if (!yes.test(emergencyText) && !no.test(emergencyText)) problems.push('Emergency: yes or no.');
  const description = required('description', 'Description');
  const backOutPlan = required('backOutPlan', 'Back-out plan');
  if (problems.length > 0 || !risk || !window || typeof window === 'string') {
    return { form: null, clientName, assetNames, problems };
  }
  return {
    clientName,
    assetNames,
    form: {
      clientName,
      assetNames,
      windowStart: window.start,
      windowEnd: window.end,
      risk,
      emergency: yes.test(emergencyText),
      description,
      backOutPlan,
    },
    problems: [],
  };
}
