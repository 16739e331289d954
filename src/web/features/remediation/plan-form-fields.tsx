// Fields both ways of filing a plan share (staff on the client's behalf or their own, a client's admin in
// the portal): the title and the concern, the evidence picker (tickets and change requests, several at once) and the plan's terms —
// days to answer, the time box, the notice limit — folded away under "More options" with the defaults shown.
import {
  Button,
  Collapse,
  MultiSelect,
  NumberInput,
  SimpleGrid,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import {
  type EvidenceKind,
  evidenceKinds,
  REMEDIATION_DEFAULTS,
  REMEDIATION_REMINDER_DAYS,
} from '../../../shared/api/remediation.ts';

/** The plan's title and concern; `whose` words the concern's label ("Your", "The") for who files it. */
export function ConcernFields(props: {
  whose: 'Your' | 'The';
  title: string;
  concern: string;
  errors: Record<string, string | undefined>;
  onTitle: (title: string) => void;
  onConcern: (concern: string) => void;
  isAutofocused?: boolean;
}) {
  return (
    <>
      <TextInput
        label="Title"
        description="A short name for the concern, e.g. “Outages not answered in time”"
        required
        data-autofocus={props.isAutofocused || undefined}
        maxLength={200}
        value={props.title}
        error={props.errors.title}
        onChange={(event) => props.onTitle(event.currentTarget.value)}
      />
      <Textarea
        label={`${props.whose} concern`}
        description={`What is not working, since when, and what it costs ${props.whose === 'Your' ? 'your' : 'the'} business`}
        required
        autosize
        minRows={4}
        maxRows={12}
        maxLength={20_000}
        value={props.concern}
        error={props.errors.concern}
        onChange={(event) => props.onConcern(event.currentTarget.value)}
      />
    </>
  );
}

export interface EvidenceGroup {
  group: string;
  items: { value: string; label: string }[];
}

/** A picker value is "kind:id", so a ticket and a change request never collide. */
export const evidenceValue = (kind: EvidenceKind, id: string) => `${kind}:${id}`;

export function evidenceOf(values: string[]): { kind: EvidenceKind; id: string }[] {
  return values.flatMap((value) => {
    const [kind, id] = value.split(':');
    const known = evidenceKinds.find((candidate) => candidate === kind);
    return known && id ? [{ kind: known, id }] : [];
  });
}

export function EvidencePicker(props: {
  groups: EvidenceGroup[];
  value: string[];
  onChange: (value: string[]) => void;
  description: string;
  isLoading?: boolean;
  disabled?: boolean;
  error?: string;
}) {
  const groups = props.groups.filter((group) => group.items.length > 0);
  return (
    <MultiSelect
      label="Evidence"
      description={props.description}
      placeholder={props.isLoading ? 'Loading…' : groups.length ? 'Search by number or title' : undefined}
      searchable
      clearable
      hidePickedOptions
      maxDropdownHeight={260}
      nothingFoundMessage="Nothing matches"
      disabled={props.disabled || (!props.isLoading && groups.length === 0)}
      data={groups}
      value={props.value}
      error={props.error}
      onChange={props.onChange}
    />
  );
}

export interface PlanTerms {
  responseDays: number;
  timeBoxDays: number;
  noticeLimit: number;
}

export const defaultTerms = (): PlanTerms => ({ ...REMEDIATION_DEFAULTS });

const [firstReminder, lastReminder] = [...REMEDIATION_REMINDER_DAYS].sort((a, b) => b - a);

/** The plan's terms, folded away: most plans keep the defaults, which the fields show. */
export function PlanTermsFields(props: {
  terms: PlanTerms;
  onChange: (terms: PlanTerms) => void;
  errors: Record<string, string>;
  /** The portal leaves the days to answer at the default. */
  withResponseDays?: boolean;
  answerer: string;
}) {
  const [isOpen, setOpen] = useState(false);
  const { terms } = props;
  const set = (field: keyof PlanTerms) => (value: string | number) =>
    props.onChange({ ...terms, [field]: typeof value === 'number' ? value : Number(value) || 0 });
  const changed = (Object.keys(REMEDIATION_DEFAULTS) as (keyof PlanTerms)[]).some(
    (key) => terms[key] !== REMEDIATION_DEFAULTS[key],
  );
  return (
    <div>
      <Button
        variant="subtle"
        size="compact-sm"
        px={0}
        leftSection={isOpen ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
        aria-expanded={isOpen}
        onClick={() => setOpen((open) => !open)}
      >
        More options
      </Button>
      {!isOpen && (
        <Text size="xs" c="dimmed">
          {props.withResponseDays ? `${terms.responseDays} days to answer, ` : ''}
          {terms.timeBoxDays}-day time box, a limit of {terms.noticeLimit} notices
          {changed ? '' : ' (the defaults)'}.
        </Text>
      )}
      <Collapse expanded={isOpen}>
        <SimpleGrid cols={{ base: 1, sm: props.withResponseDays ? 3 : 2 }} spacing="sm" mt="xs">
          {props.withResponseDays && (
            <NumberInput
              label="Days to answer"
              description={`Default ${REMEDIATION_DEFAULTS.responseDays}: ${props.answerer} answers with items by then`}
              min={1}
              max={60}
              allowDecimal={false}
              value={terms.responseDays}
              error={props.errors.responseDays}
              onChange={set('responseDays')}
            />
          )}
          <NumberInput
            label="Time box in days"
            description={`Default ${REMEDIATION_DEFAULTS.timeBoxDays}; both sides are reminded ${firstReminder} and ${lastReminder} days before it ends`}
            min={7}
            max={365}
            allowDecimal={false}
            value={terms.timeBoxDays}
            error={props.errors.timeBoxDays}
            onChange={set('timeBoxDays')}
          />
          <NumberInput
            label="Notice limit"
            description={`Default ${REMEDIATION_DEFAULTS.noticeLimit}; reaching it brings the decision forward`}
            min={1}
            max={20}
            allowDecimal={false}
            value={terms.noticeLimit}
            error={props.errors.noticeLimit}
            onChange={set('noticeLimit')}
          />
        </SimpleGrid>
      </Collapse>
    </div>
  );
}
