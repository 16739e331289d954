// Priority P1-P4 for a new ticket, with what each one promises under the client's SLA policy.
import { Input, SegmentedControl, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type Priority, priorities } from '../../../shared/api/sla-policies.ts';
import { formatMinutes } from '../../ui/format.ts';
import { useCan } from '../auth/session.ts';
import { slaPolicyQuery } from '../settings/settings-api.ts';
import { priorityLabels } from './ticket-labels.ts';

export function NewTicketPriority(props: {
  value: Priority;
  onChange: (priority: Priority) => void;
  /** The chosen client's default SLA policy, if any. */
  slaPolicyId: string | null | undefined;
  hasClient: boolean;
  error?: string;
}) {
  const can = useCan();
  const policy = useQuery({
    ...slaPolicyQuery(props.slaPolicyId ?? ''),
    enabled: Boolean(props.slaPolicyId) && can('calendars.read'),
  });
  const target = policy.data?.targets[props.value];

  let description: string;
  if (!props.hasClient) description = 'Pick the client to see the SLA targets for each priority.';
  else if (!props.slaPolicyId)
    description = 'This client has no SLA policy: the ticket will have no SLA clocks.';
  else if (target)
    description = `${policy.data?.name}: first response within ${formatMinutes(target.firstResponseMinutes)}, resolution within ${formatMinutes(target.resolutionMinutes)} (business time).`;
  else description = 'Measured under the client’s SLA policy.';

  return (
    <Input.Wrapper
      id="new-ticket-priority"
      label="Priority"
      description={description}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      error={props.error}
    >
      <SegmentedControl
        display="flex"
        mt={4}
        aria-labelledby="new-ticket-priority-label"
        value={props.value}
        onChange={(value) => props.onChange(value as Priority)}
        data={priorities.map((priority) => ({
          value: priority,
          label: (
            <Text span size="sm">
              <Text span fw={600} inherit>
                {priority}
              </Text>{' '}
              <Text span c="dimmed" inherit>
                {priorityLabels[priority]}
              </Text>
            </Text>
          ),
        }))}
      />
    </Input.Wrapper>
  );
}
