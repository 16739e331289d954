// A detected change's outcome as the timeline and the triage list show it: a badge with the outcome's word,
// and beneath it the reason with the request, vendor and incident ticket it rests on.
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconGavel } from '@tabler/icons-react';
import type { AssetChange } from '../../../shared/api/inventory.ts';
import { AnchorLink } from '../../ui/links.tsx';
import {
  type ChangeLink,
  type ChangeOutcome,
  changeLinks,
  changeOutcomeColors,
  changeOutcomeHints,
  changeOutcomeLabels,
} from './change-outcomes.ts';

export function ChangeOutcomeBadge(props: { outcome: ChangeOutcome }) {
  return (
    <Tooltip label={changeOutcomeHints[props.outcome]} multiline maw={320}>
      <Badge size="sm" variant="light" color={changeOutcomeColors[props.outcome]} style={{ flexShrink: 0 }}>
        {changeOutcomeLabels[props.outcome]}
      </Badge>
    </Tooltip>
  );
}

/** "Re-judged": staff changed Accord's outcome, and the reason shown is theirs. */
export function RejudgedMark() {
  return (
    <Tooltip label="Re-judged by staff: the reason is theirs">
      <Badge size="sm" variant="outline" color="gray" leftSection={<IconGavel size={11} />}>
        Re-judged
      </Badge>
    </Tooltip>
  );
}

function OutcomeLink(props: { link: ChangeLink }) {
  const { link } = props;
  if (link.kind === 'change-request') {
    return (
      <AnchorLink to="/changes/$changeRequestId" params={{ changeRequestId: link.changeRequestId }} fz="xs">
        {link.label}
      </AnchorLink>
    );
  }
  if (link.kind === 'ticket') {
    return (
      <AnchorLink to="/tickets/$ticketId" params={{ ticketId: link.ticketId }} fz="xs">
        {link.label}
      </AnchorLink>
    );
  }
  return (
    <AnchorLink to="/vendors/$vendorId" params={{ vendorId: link.vendorId }} fz="xs">
      {link.label}
    </AnchorLink>
  );
}

/** The reason in words, then the links; nothing for health changes, which have no outcome. */
export function ChangeOutcomeDetails(props: { change: AssetChange }) {
  const { change } = props;
  if (!change.outcome) return null;
  const links = changeLinks(change);
  return (
    <Group gap={6} wrap="wrap" mt={2}>
      {change.outcomeReason && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {change.outcomeReason}
        </Text>
      )}
      {links.map((link) => (
        <Group key={link.kind} gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed" aria-hidden>
            ·
          </Text>
          <OutcomeLink link={link} />
        </Group>
      ))}
    </Group>
  );
}
