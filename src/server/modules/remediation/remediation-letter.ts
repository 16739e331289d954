// A remediation plan as a letter both sides can file: who raised what with which evidence, the items that
// answer it, the time box and the notices counted, and the decision once there is one.
import { type RemediationPlan, remediationDecisionLabels, sidesOf } from '../../../shared/api/remediation.ts';
import { dayInWords } from '../../../shared/utc-days.ts';
import {
  drawHeading,
  drawLetterhead,
  drawParagraphs,
  drawTitle,
  finishLetter,
  startLetter,
} from '../../pdf/letter-pdf.ts';
import { drawLetterTable } from '../../pdf/letter-table.ts';

const priorityWords = { high: 'High', medium: 'Medium', low: 'Low' } as const;

export interface RemediationLetterInput {
  plan: RemediationPlan;
  mspName: string;
  clientAddress: string;
  /** YYYY-MM-DD: the day the letter is printed. */
  datedOn: string;
}

/** Who each side of the plan is, by name. */
function partyNames(plan: RemediationPlan, mspName: string) {
  const names = { client: plan.clientName, msp: mspName, vendor: plan.vendorName ?? 'the vendor' };
  const sides = sidesOf[plan.direction];
  return { raises: names[sides.raises], answers: names[sides.answers], decides: names[sides.decides] };
}

export function renderRemediationLetter(input: RemediationLetterInput): Promise<Buffer> {
  const { plan, mspName } = input;
  const parties = partyNames(plan, mspName);
  const letter = startLetter({
    title: `Remediation plan: ${plan.title}`,
    author: mspName,
    subject: `Remediation plan at ${plan.clientName}`,
    datedOn: input.datedOn,
    from: mspName,
    which: `Remediation plan at ${plan.clientName}`,
  });
  drawLetterhead(
    letter,
    { name: mspName, address: '' },
    { name: plan.clientName, address: input.clientAddress },
  );
  drawTitle(letter, plan.title, [
    ['Raised by', `${parties.raises} on ${dayInWords(plan.filedAt.slice(0, 10))}`],
    ['To answer', `${parties.answers}, with items by ${dayInWords(plan.responseDueOn)}`],
    ['Time box', `until ${dayInWords(plan.endsOn)}; then ${parties.decides} decides`],
    ['Notices', `${plan.notices.length} of ${plan.noticeLimit}`],
  ]);
  drawHeading(letter, 'The concern');
  drawParagraphs(letter, plan.concern);
  drawLetterTable(letter, {
    heading: 'Evidence',
    headers: ['Record', 'Kind'],
    labelShare: 0.75,
    rows: plan.evidence.map((e) => ({ label: e.label, detail: e.kind.replace('_', ' ') })),
  });
  if (plan.responseText) {
    drawHeading(letter, `${parties.answers}'s answer`);
    drawParagraphs(letter, plan.responseText);
  }
  drawLetterTable(letter, {
    heading: 'Items',
    headers: ['Issue and action', 'Owner, date, priority, progress'],
    labelShare: 0.6,
    rows: plan.items.map((item) => ({
      label: `${item.issue} — ${item.action}`,
      detail: `${item.owner}, by ${dayInWords(item.dueOn)}, ${priorityWords[item.priority]}; ${item.doneAt ? `done ${dayInWords(item.doneAt.slice(0, 10))}` : 'open'}`,
    })),
  });
  drawLetterTable(letter, {
    heading: 'Notices counted',
    headers: ['Notice', 'When'],
    labelShare: 0.75,
    rows: plan.notices.map((notice) => ({ label: notice.label, detail: dayInWords(notice.at.slice(0, 10)) })),
  });
  if (plan.recommendation) {
    drawHeading(letter, `${mspName}'s recommendation`);
    drawParagraphs(
      letter,
      `${remediationDecisionLabels[plan.recommendation.decision]}: ${plan.recommendation.reason}`,
    );
  }
  for (const decision of plan.decisions) {
    drawHeading(letter, `Decision of ${dayInWords(decision.at.slice(0, 10))}`);
    const extended = decision.extendedTo ? ` (to ${dayInWords(decision.extendedTo)})` : '';
    drawParagraphs(
      letter,
      `${remediationDecisionLabels[decision.decision]}${extended}, by ${decision.byName}: ${decision.reason}`,
    );
  }
  return finishLetter(letter);
}
