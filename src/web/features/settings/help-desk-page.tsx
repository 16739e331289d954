// Help-desk settings: the work types time is logged under, and how long a resolved ticket can be reopened.
import { Button, Grid, Group, NumberInput, Skeleton, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { SectionCard } from '../../ui/section-card.tsx';
import { useCan } from '../auth/session.ts';
import {
  type TicketSettings,
  ticketKeys,
  ticketSettingsQuery,
  updateTicketSettings,
} from '../tickets/tickets-api.ts';
import { WorkTypeList } from './work-type-list.tsx';

export function HelpDeskPage() {
  const can = useCan();
  const canManage = can('tickets.settings');
  return (
    <>
      <PageHeader
        title="Help desk"
        description="How your team logs time and how tickets come back after they are resolved."
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <SectionCard
            title="Work types"
            description="What kind of work time is logged as. On-site types get agreements' on-site minimum and trip charge. Archived types stay on the entries that use them but are no longer offered."
          >
            <WorkTypeList canManage={canManage} />
          </SectionCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <SectionCard
            title="Reopening resolved tickets"
            description="When a client comes back about a resolved ticket, should it carry on or start afresh?"
          >
            <ReopenWindow canManage={canManage} />
          </SectionCard>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** The sentence that says what a given window does. */
function reopenWindowEffect(days: number): string {
  if (days === 0) {
    return 'Reopening a resolved ticket always opens a new ticket, linked to the old one, with fresh SLA clocks.';
  }
  const span = days === 1 ? '1 day' : `${days} days`;
  return `A ticket reopened within ${span} of being resolved carries on: its original SLA clock resumes, and the time it spent resolved does not count. After ${span}, reopening opens a new ticket linked to the old one, with fresh SLA clocks.`;
}

function ReopenWindow(props: { canManage: boolean }) {
  const queryClient = useQueryClient();
  const settings = useQuery(ticketSettingsQuery);
  const [days, setDays] = useState<number | string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (input: Partial<TicketSettings>) => updateTicketSettings(input),
    onSuccess: (saved) => {
      queryClient.setQueryData(ticketKeys.settings, saved);
      setDays(null);
      notifySuccess('Reopen window saved');
    },
    onError: (failure) => {
      if (failure instanceof ApiError) setError(failure.fieldErrors.reopenWindowDays);
      notifyError(failure, 'Could not save the reopen window');
    },
  });

  if (settings.isPending) return <Skeleton height={120} aria-label="Loading" />;
  if (settings.isError) return <Text c="red">{settings.error.message}</Text>;
  const value = days ?? settings.data.reopenWindowDays;
  const parsed = Number(value);
  const isValid = value !== '' && Number.isInteger(parsed) && parsed >= 0 && parsed <= 90;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!isValid) return setError('Whole days from 0 to 90');
    save.mutate({ reopenWindowDays: parsed });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <NumberInput
          label="Reopen window (days)"
          min={0}
          max={90}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          disabled={!props.canManage}
          value={value}
          error={error}
          onChange={(next) => {
            setDays(next);
            setError(undefined);
          }}
          w={180}
        />
        <Text size="sm" data-testid="reopen-window-effect">
          {isValid ? reopenWindowEffect(parsed) : 'Enter whole days from 0 to 90.'}
        </Text>
        {props.canManage && (
          <Group>
            <Button type="submit" loading={save.isPending} disabled={days === null}>
              Save reopen window
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
