// How a time entry is billed under its agreement: the outcome, the money, and the clause that decided it.
import { Badge, Group, Stack, Text } from '@mantine/core';
import { type TimeOutcome, timeOutcomeLabels } from '../../../shared/api/agreements.ts';
import { formatMinutes } from '../../ui/format.ts';
// Money reads as it does on agreements and invoices (the browser's locale), so a user sees one format.
import { money } from '../agreements/agreement-display.tsx';
import type { ClassifiedTimeEntry, TimeClassification } from './tickets-api.ts';
import { overrideSummary } from './time-entry-billing.ts';

const outcomeColors: Record<TimeOutcome, string> = { covered: 'teal', billable: 'blue', absorbed: 'gray' };

export function OutcomeBadge(props: { outcome: TimeOutcome }) {
  return (
    <Badge size="sm" variant="light" color={outcomeColors[props.outcome]}>
      {timeOutcomeLabels[props.outcome]}
    </Badge>
  );
}

/** "Billable · 1 h 15 min · $187.50", "Covered · worth $150.00". */
export function classificationSummary(c: TimeClassification): string {
  if (c.outcome === 'billable') {
    const parts = [formatMinutes(c.billableMinutes)];
    if (c.segments.every((s) => s.rateCents === null)) return [...parts, 'no rate to bill at'].join(' · ');
    if (c.amountCents > 0 || c.segments.every((s) => s.drawdownMinutes === 0 && s.drawdownCents === 0)) {
      parts.push(money(c.amountCents + c.tripChargeCents, c.currency));
    }
    const drawn = c.segments.reduce((sum, s) => sum + s.drawdownMinutes, 0);
    if (drawn > 0) parts.push(`${formatMinutes(drawn)} from the block`);
    return parts.join(' · ');
  }
  return c.valueCents > 0 ? `worth ${money(c.valueCents, c.currency)}` : 'no charge';
}

/**
 * The compact cell for the time table: the outcome, the money, and the clause in small print; with billing's
 * override, the override and its reason instead of the clause (which repeats them), and what the rules said.
 */
export function ClassificationCell(props: {
  classification: TimeClassification;
  billingOverride: ClassifiedTimeEntry['billingOverride'];
}) {
  const c = props.classification;
  const override = props.billingOverride;
  return (
    <Stack gap={2}>
      <Group gap={6} wrap="nowrap">
        <OutcomeBadge outcome={c.outcome} />
        <Text size="xs" className="tabular" style={{ whiteSpace: 'nowrap' }}>
          {classificationSummary(c)}
        </Text>
      </Group>
      {override ? (
        <>
          <Text size="xs" fw={500} lineClamp={2} title={c.clause}>
            {overrideSummary(override)}
          </Text>
          <Text size="xs" c="dimmed">
            Computed: {timeOutcomeLabels[c.computedOutcome].toLowerCase()}
          </Text>
        </>
      ) : (
        <Text size="xs" c="dimmed" lineClamp={2} title={c.clause}>
          {c.clause}
        </Text>
      )}
    </Stack>
  );
}

/** The live panel under the time form: what the entry will come to, with each rate tier it crosses. */
export function ClassificationPreview(props: {
  classification: TimeClassification | undefined;
  isError: boolean;
}) {
  const c = props.classification;
  return (
    <Stack
      gap={4}
      p="xs"
      aria-label="Billing preview"
      aria-live="polite"
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 6 }}
    >
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        Billing
      </Text>
      {props.isError && (
        <Text size="sm" c="dimmed">
          Enter a start, minutes and a work type to see how this time is billed.
        </Text>
      )}
      {!props.isError && !c && (
        <Text size="sm" c="dimmed">
          Working it out…
        </Text>
      )}
      {!props.isError && c && (
        <>
          <Group gap={6}>
            <OutcomeBadge outcome={c.outcome} />
            <Text size="sm" className="tabular">
              {classificationSummary(c)}
            </Text>
          </Group>
          <Text size="sm">{c.clause}</Text>
          {c.segments.length > 1 && (
            <Text size="xs" c="dimmed">
              Split at the agreement's hours:{' '}
              {c.segments.map((s) => `${formatMinutes(s.minutes)} ${s.tier.replace('_', '-')}`).join(', ')}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
