// The top of an asset's page while it is on coverage hold: since when and for which vendor, that work on it
// is billable, each condition with how far along it is, the incidents behind it, the letter to the client,
// and lifting it by hand (with a reason) for those who manage vendors.
import { Alert, Button, Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import {
  IconCircleCheck,
  IconCircleX,
  IconDownload,
  IconLockOpen,
  IconShieldPause,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { useCan } from '../auth/session.ts';
import { ReasonModal } from '../vendor-terms/reason-modal.tsx';
import { type ConditionItem, cleanDaysText, conditionItems, holdDay } from './coverage-hold-text.ts';
import {
  type CoverageHold,
  holdKeys,
  holdLetterUrl,
  liftCoverageHold,
  useAssetHolds,
} from './coverage-holds-api.ts';

export function CoverageHoldBanner(props: { assetId: string }) {
  const holds = useAssetHolds(props.assetId);
  const active = holds.data?.active;
  // Nothing while loading or when the list fails: the banner is extra, the page stands without it.
  if (!active) return null;
  return <ActiveHold hold={active} />;
}

function ActiveHold(props: { hold: CoverageHold }) {
  const { hold } = props;
  const can = useCan();
  const queryClient = useQueryClient();
  const [isLifting, setLifting] = useState(false);
  const lift = useMutation({
    mutationFn: (reason: string) => liftCoverageHold(hold.id, reason),
    onSuccess: async (lifted) => {
      await queryClient.invalidateQueries({ queryKey: holdKeys.all });
      notifySuccess(`${lifted.assetName} is back on managed service`);
    },
    onError: async (error) => {
      notifyError(error, 'Could not lift the hold');
      // Lifted meanwhile (by someone else or by itself): show it as it is now.
      await queryClient.invalidateQueries({ queryKey: holdKeys.all });
    },
  });
  const items = conditionItems(hold);
  const since = holdDay(hold.placedAt);

  return (
    <Alert
      component="section"
      // A standing state of the page, not news: a region (Alert's default role would announce it), named by
      // its title.
      role="region"
      color="orange"
      variant="light"
      mb="md"
      icon={<IconShieldPause size={20} />}
      title={
        <Tooltip
          label={`Placed ${formatDateTime(hold.placedAt)}${hold.placedByName ? ` by ${hold.placedByName}` : ''}`}
        >
          <span>
            On coverage hold since {since} — {hold.vendorName}. Work on this asset is billable.
          </span>
        </Tooltip>
      }
    >
      <Stack gap="xs">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={3} title={hold.reason}>
          {hold.reason}
        </Text>
        {items.length === 0 ? (
          <Text size="sm">
            No conditions: it stays until lifted by hand, once you agree with the client that{' '}
            {hold.vendorName} works under the agreement.
          </Text>
        ) : (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Lifts itself when {items.length === 1 ? 'this is' : 'all of these are'} met:
            </Text>
            <Stack
              gap={4}
              component="ul"
              aria-label="Conditions"
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
            >
              {items.map((item) => (
                <Condition key={item.key} item={item} />
              ))}
            </Stack>
          </Stack>
        )}
        {hold.tickets.length > 0 && (
          <Group gap={6} wrap="wrap" align="baseline">
            <Text size="sm" fw={500}>
              Incidents:
            </Text>
            {hold.tickets.map((ticket, index) => (
              <Text key={ticket.id} size="sm" component="span">
                <AnchorLink to="/tickets/$ticketId" params={{ ticketId: ticket.id }} size="sm">
                  #{ticket.number} {ticket.title}
                </AnchorLink>
                {index < hold.tickets.length - 1 ? ',' : ''}
              </Text>
            ))}
          </Group>
        )}
        <Group gap="xs" mt={4}>
          <Button
            component="a"
            href={holdLetterUrl(hold.id)}
            download
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
          >
            Download letter
          </Button>
          {can('vendors.manage') && (
            <Button
              size="xs"
              variant="default"
              color="red"
              leftSection={<IconLockOpen size={14} />}
              onClick={() => setLifting(true)}
            >
              Lift hold
            </Button>
          )}
        </Group>
      </Stack>
      <ReasonModal
        opened={isLifting}
        onClose={() => setLifting(false)}
        title="Lift coverage hold?"
        message={`${hold.assetName} goes back on managed service: time worked on it from now on is covered by the agreement again. Time worked during the hold stays billable.`}
        confirmLabel="Lift hold"
        onConfirm={(reason) => lift.mutateAsync(reason)}
      />
    </Alert>
  );
}

function Condition(props: { item: ConditionItem }) {
  const { item } = props;
  const Icon = item.isMet ? IconCircleCheck : IconCircleX;
  // Clean days say how far along they are; the others are met or not yet.
  const state = item.progress ? cleanDaysText(item.progress) : item.isMet ? 'met' : 'not yet';
  return (
    <Group component="li" gap={8} wrap="nowrap" align="center">
      <Icon
        size={18}
        color={item.isMet ? 'var(--mantine-color-teal-6)' : 'var(--mantine-color-gray-6)'}
        aria-hidden
        style={{ flexShrink: 0 }}
      />
      <Text size="sm">
        {item.label}
        <Text component="span" size="sm" fw={500} className="tabular">
          {' '}
          — {state}
        </Text>
      </Text>
      {item.progress && (
        <Progress
          w={96}
          size="sm"
          color={item.isMet ? 'teal' : 'orange'}
          bg="var(--mantine-color-default)"
          value={(item.progress.done / item.progress.of) * 100}
          aria-label={cleanDaysText(item.progress)}
          style={{ flexShrink: 0 }}
        />
      )}
    </Group>
  );
}
