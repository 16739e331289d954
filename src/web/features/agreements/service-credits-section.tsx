// The "Service credits" section of the agreement editor: off by default; switched on, the penalty schedule
// (what happens to credits, the credit per missed target, compliance tiers, the cap, sole remedy, the dispute
// window) and the schedule in words, as the client will read it.
import {
  Checkbox,
  Divider,
  Group,
  List,
  NumberInput,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  ThemeIcon,
} from '@mantine/core';
import { IconEye, IconScale, IconShieldCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { CreditMode } from '../../../shared/api/service-credits.ts';
import { priorities } from '../../../shared/api/sla-policies.ts';
import { SectionCard } from '../../ui/section-card.tsx';
import { priorityLabels } from '../tickets/ticket-labels.ts';
import { describePenaltySchedule } from './agreement-display.tsx';
import type { SectionProps } from './agreement-form.ts';
import { CreditTiers } from './credit-tiers.tsx';
import type { FormErrors } from './form-helpers.ts';
import { MoneyInput } from './money-input.tsx';
import { type PenaltyValues, penaltyPath, penaltyToBody } from './service-credits-form.ts';

const modes: { value: CreditMode; label: string; description: string }[] = [
  {
    value: 'report',
    label: 'Report only',
    description: "Credits are worked out and shown on the client's statement, but never invoiced.",
  },
  {
    value: 'invoice',
    label: 'Credit on the next invoice',
    description: "Credits still standing when the dispute window closes come off the client's next invoice.",
  },
];

function Rule(props: { icon: ReactNode; title: string; children: ReactNode }) {
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap">
      <ThemeIcon variant="light" color="teal" size={28} radius="md" aria-hidden>
        {props.icon}
      </ThemeIcon>
      <div>
        <Text size="sm" fw={600}>
          {props.title}
        </Text>
        <Text size="xs" c="dimmed">
          {props.children}
        </Text>
      </div>
    </Group>
  );
}

/** Why switching it on is safe: the rules that keep credits fair to the MSP. */
function FairRules() {
  return (
    <SimpleGrid
      cols={{ base: 1, md: 3 }}
      spacing="md"
      component="ul"
      aria-label="How service credits work"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
    >
      <li>
        <Rule icon={<IconShieldCheck size={16} />} title="Only guaranteed targets count">
          Tickets on unmanaged or non-standard assets are measured as best effort and never earn a credit, and
          time paused waiting on the client or their vendor is not held against you.
        </Rule>
      </li>
      <li>
        <Rule icon={<IconScale size={16} />} title="You can dispute, in the open">
          Credits are proposed when you close a month. Within the dispute window you can withdraw one that was
          not yours to answer for — caused by the client or their vendor, an unmanaged asset, the wrong
          priority — with a reason the client sees.
        </Rule>
      </li>
      <li>
        <Rule icon={<IconEye size={16} />} title="Start with report only">
          Credits show on the statement without touching invoices. Clients trust an MSP that puts money behind
          its targets; invoice them once you are happy with the figures.
        </Rule>
      </li>
    </SimpleGrid>
  );
}

export function ServiceCreditsSection(props: SectionProps) {
  const { values, errors, set, readOnly } = props;
  const isOn = values.hasServiceCredits;
  const penaltyErrors = Object.keys(errors).filter((path) => path.startsWith(penaltyPath()));
  return (
    <SectionCard
      title="Service credits"
      description="Back your SLA with money: when you miss a guaranteed target, the client is credited, and the monthly statement shows how each credit was worked out."
    >
      <Stack gap="md">
        <Switch
          disabled={readOnly}
          label="Credit the client for missed SLA targets"
          description={
            isOn
              ? 'Credits are proposed when each month closes, under the rules below.'
              : 'Off: statements report the targets, with no credits.'
          }
          checked={isOn}
          error={errors[penaltyPath()]}
          onChange={(event) => set('hasServiceCredits', event.currentTarget.checked, penaltyErrors)}
        />
        <FairRules />
        {isOn && <ScheduleFields {...props} />}
      </Stack>
    </SectionCard>
  );
}

function ScheduleFields(props: SectionProps) {
  const { values, errors, set, currency, readOnly } = props;
  const penalty = values.penalty;
  const setPenalty = (patch: Partial<PenaltyValues>, clear: string[]) =>
    set('penalty', { ...penalty, ...patch }, clear);
  const error = (...parts: (string | number)[]) => errors[penaltyPath(...parts)];

  return (
    <Stack gap="lg">
      <Divider />
      <Radio.Group
        readOnly={readOnly}
        label="What happens to the credits"
        value={penalty.mode}
        error={error('mode')}
        onChange={(mode) => setPenalty({ mode: mode as CreditMode }, [penaltyPath('mode')])}
      >
        <Stack gap={8} mt={6}>
          {modes.map((mode) => (
            <Radio key={mode.value} value={mode.value} label={mode.label} description={mode.description} />
          ))}
        </Stack>
      </Radio.Group>

      <Stack gap={6}>
        <Text size="sm" fw={500}>
          Credit per missed guaranteed target
        </Text>
        <Text size="xs" c="dimmed" mt={-4}>
          Each first-response or resolution target missed earns the credit of the ticket's priority. Empty: no
          credit at that priority.
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {priorities.map((priority) => (
            <MoneyInput
              key={priority}
              readOnly={readOnly}
              label={`${priority} credit`}
              description={priorityLabels[priority]}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              currency={currency}
              placeholder="None"
              value={penalty.perBreach[priority]}
              error={error('perBreachCents', priority)}
              onChange={(amount) =>
                setPenalty({ perBreach: { ...penalty.perBreach, [priority]: amount } }, [
                  penaltyPath('perBreachCents', priority),
                  penaltyPath('perBreachCents'),
                ])
              }
            />
          ))}
        </SimpleGrid>
      </Stack>

      <CreditTiers {...props} setPenalty={setPenalty} />

      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <NumberInput
          readOnly={readOnly}
          label="Minimum tickets for tiers"
          description="Tiers apply only in a month with at least this many tickets decided; below it, per-target credits apply (one missed P1 of three tickets is not 67 %)."
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          suffix=" tickets"
          min={1}
          max={10_000}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          value={penalty.minimumTickets}
          error={error('minimumTickets')}
          onChange={(minimumTickets) => setPenalty({ minimumTickets }, [penaltyPath('minimumTickets')])}
        />
        <MoneyInput
          readOnly={readOnly}
          label="Monthly cap"
          description="The most a month can earn in credits; those over it show as reduced by the cap. Empty: no cap."
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          currency={currency}
          placeholder="No cap"
          value={penalty.monthlyCap}
          error={error('monthlyCapCents')}
          onChange={(monthlyCap) => setPenalty({ monthlyCap }, [penaltyPath('monthlyCapCents')])}
        />
        <NumberInput
          readOnly={readOnly}
          label="Dispute window"
          description="Business days (Monday to Friday) after the close in which you may dispute a credit; after it, the credit stands."
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          suffix=" business days"
          min={0}
          max={30}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          value={penalty.disputeWindowDays}
          error={error('disputeWindowDays')}
          onChange={(disputeWindowDays) =>
            setPenalty({ disputeWindowDays }, [penaltyPath('disputeWindowDays')])
          }
        />
      </SimpleGrid>

      <TextInput
        readOnly={readOnly}
        type="month"
        label="Credits from"
        description="The first month whose close proposes credits. Empty: the month you save this in, so switching credits on never reaches back."
        inputWrapperOrder={['label', 'input', 'description', 'error']}
        maw={260}
        value={penalty.effectiveFrom}
        error={error('effectiveFrom')}
        onChange={(event) =>
          setPenalty({ effectiveFrom: event.currentTarget.value }, [penaltyPath('effectiveFrom')])
        }
      />

      <Checkbox
        disabled={readOnly}
        label="Service credits are the sole remedy for missed targets"
        description="The agreement says so, and the statements remind the client of it."
        checked={penalty.isSoleRemedy}
        error={error('isSoleRemedy')}
        onChange={(event) => setPenalty({ isSoleRemedy: event.currentTarget.checked }, [])}
      />

      <InWords penalty={penalty} currency={currency} />
    </Stack>
  );
}

/** The schedule as typed, in the words the agreement's summary uses. */
function InWords(props: { penalty: PenaltyValues; currency: string }) {
  const problems: FormErrors = {};
  const schedule = penaltyToBody(props.penalty, props.currency, problems);
  const isReadable = Object.keys(problems).length === 0;
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-default-hover)" role="group" aria-label="In words">
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
        In words
      </Text>
      {isReadable ? (
        <List size="sm" spacing={2}>
          {describePenaltySchedule(schedule, props.currency).map((sentence) => (
            <List.Item key={sentence}>{sentence}</List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" c="dimmed">
          Finish the fields above to read the schedule in words.
        </Text>
      )}
    </Paper>
  );
}
