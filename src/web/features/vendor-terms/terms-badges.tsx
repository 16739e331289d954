// The badges of the vendor-terms screens: a letter's status and an engagement's standing with the rules.
// Each says its state in words, so colour is never the only signal.
import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconClock, IconX } from '@tabler/icons-react';
import { type EngagementRules, type LoaStatus, loaStatusLabels } from '../../../shared/api/vendor-terms.ts';
import { type StandingTone, standingLabel } from './terms-status.ts';

const loaColors: Record<LoaStatus, string> = {
  draft: 'gray',
  sent: 'blue',
  signed: 'teal',
  expired: 'red',
  revoked: 'gray',
};

/** `null`: the engagement has no letter at all. */
export function LoaStatusBadge(props: { status: LoaStatus | null; size?: 'xs' | 'sm' }) {
  if (props.status === null) {
    return (
      <Badge size={props.size ?? 'sm'} variant="outline" color="gray">
        No letter
      </Badge>
    );
  }
  return (
    <Badge size={props.size ?? 'sm'} variant="light" color={loaColors[props.status]}>
      {loaStatusLabels[props.status]}
    </Badge>
  );
}

const toneColors: Record<StandingTone, string> = {
  good: 'teal',
  warning: 'orange',
  bad: 'red',
  none: 'gray',
};
const toneIcons: Record<StandingTone, typeof IconCheck> = {
  good: IconCheck,
  warning: IconClock,
  bad: IconAlertTriangle,
  none: IconX,
};

/** Without acknowledgements (the vendor portal's summary), an acknowledged standing reads without its version. */
export function StandingBadge(props: {
  rules: Pick<EngagementRules, 'status' | 'acknowledgements'>;
  size?: 'xs' | 'sm';
}) {
  const { label, tone } = standingLabel(props.rules);
  const Icon = toneIcons[tone];
  return (
    <Badge
      size={props.size ?? 'sm'}
      variant={tone === 'none' ? 'outline' : 'light'}
      color={toneColors[tone]}
      leftSection={<Icon size={11} />}
    >
      {label}
    </Badge>
  );
}
