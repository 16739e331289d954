// The handover a termination opens: each step with who ticked it and when; the data export step carries the
// download beside it. Staff tick the steps; the client reads the same list.
import { Checkbox, Group, List, Progress, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconCircleDashed } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { HandoverKey } from '../../../shared/api/remediation.ts';
import { notifyError } from '../../ui/notify.tsx';
import { PlanSection } from './plan-overview.tsx';
import type { RemediationPlan } from './remediation-api.ts';
import { longDateOf } from './remediation-words.ts';

type Step = NonNullable<RemediationPlan['handover']>[number];

export function HandoverChecklist(props: {
  plan: RemediationPlan;
  description: string;
  /** Beside the data export step: the download. */
  exportAction: ReactNode;
  /** Ticks a step; absent where the viewer only reads the list. */
  onToggle?: (key: HandoverKey, done: boolean) => Promise<RemediationPlan>;
}) {
  const steps = props.plan.handover;
  const toggle = useMutation({
    mutationFn: (change: { key: HandoverKey; done: boolean }) =>
      props.onToggle ? props.onToggle(change.key, change.done) : Promise.reject(new Error('Read only')),
    onError: (error) => notifyError(error, 'Could not update the handover'),
  });
  if (!steps) return null;
  const done = steps.filter((step) => step.doneAt).length;

  return (
    <PlanSection title="Handover" description={props.description}>
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          <Progress
            value={(done / steps.length) * 100}
            color="teal"
            style={{ flex: 1 }}
            aria-label="Handover progress"
          />
          <Text size="sm" c="dimmed" className="tabular">
            {done} of {steps.length} done
          </Text>
        </Group>
        <List spacing="sm" listStyleType="none" aria-label="Handover checklist">
          {steps.map((step) => (
            <List.Item key={step.key}>
              <Group justify="space-between" gap="xs">
                {props.onToggle ? (
                  <Checkbox
                    label={step.label}
                    description={doneBy(step)}
                    checked={
                      toggle.isPending && toggle.variables?.key === step.key
                        ? toggle.variables.done
                        : Boolean(step.doneAt)
                    }
                    onChange={(event) => toggle.mutate({ key: step.key, done: event.currentTarget.checked })}
                  />
                ) : (
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <ThemeIcon
                      size={20}
                      radius="xl"
                      variant="light"
                      color={step.doneAt ? 'teal' : 'gray'}
                      aria-label={step.doneAt ? 'Done' : 'Not done yet'}
                    >
                      {step.doneAt ? <IconCheck size={13} /> : <IconCircleDashed size={13} />}
                    </ThemeIcon>
                    <div>
                      <Text size="sm">{step.label}</Text>
                      <Text size="xs" c="dimmed">
                        {doneBy(step) ?? 'Not done yet'}
                      </Text>
                    </div>
                  </Group>
                )}
                {step.key === 'data_export' && props.exportAction}
              </Group>
            </List.Item>
          ))}
        </List>
      </Stack>
    </PlanSection>
  );
}

function doneBy(step: Step): string | undefined {
  if (!step.doneAt) return undefined;
  return `Done ${longDateOf(step.doneAt)}${step.doneByName ? ` by ${step.doneByName}` : ''}`;
}
