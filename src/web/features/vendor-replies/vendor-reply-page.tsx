// What a vendor sees behind a one-time link, without signing in: who asks, for which client and incident, the
// changes recorded outside an approved window (in the viewer's own time) with why each was tied to the
// vendor, and a form to reply once. Worded as what was recorded, never as an accusation.
import { Grid, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { LinkCannotBeUsed, LinkPageFact, LinkPageLoading } from '../../ui/link-page-states.tsx';
import { PublicFrame } from '../../ui/public-frame.tsx';
import { type PublicAttribution, publicAttributionQuery } from './vendor-replies-api.ts';
import { VendorReplyForm } from './vendor-reply-form.tsx';

const route = getRouteApi('/vendor-reply/$token');
const WIDTH = 760;

export function VendorReplyPage() {
  const { token } = route.useParams();
  const attribution = useQuery(publicAttributionQuery(token));
  const [repliedAs, setRepliedAs] = useState<string | null>(null);
  const [isSpent, setSpent] = useState(false);

  if (attribution.isError || isSpent)
    return <LinkCannotBeUsed error={isSpent ? null : attribution.error} width={WIDTH} />;
  if (!attribution.data) return <LinkPageLoading title="Reply about changes" width={WIDTH} />;
  const data = attribution.data;
  if (repliedAs !== null) return <Replied attribution={data} name={repliedAs} />;

  return (
    <PublicFrame
      title={`Reply about changes at ${data.clientName}`}
      description={`${data.mspName} asks ${data.vendorName} about changes to ${data.clientName}’s systems that were recorded outside an approved change window. Read what was recorded, then reply: ${data.mspName} and ${data.clientName} will see your reply.`}
      width={WIDTH}
    >
      <Stack gap="lg">
        <Facts attribution={data} />
        <Changes attribution={data} />
        <VendorReplyForm
          token={token}
          attribution={data}
          onDone={setRepliedAs}
          onSpent={() => setSpent(true)}
        />
      </Stack>
    </PublicFrame>
  );
}

function Facts(props: { attribution: PublicAttribution }) {
  const { attribution } = props;
  return (
    <Grid gap="xs">
      <LinkPageFact label="Asked by">{attribution.mspName}</LinkPageFact>
      <LinkPageFact label="Client">{attribution.clientName}</LinkPageFact>
      <LinkPageFact label="Vendor">{attribution.vendorName}</LinkPageFact>
      <LinkPageFact label="Incident">
        #{attribution.ticketNumber}: {attribution.ticketTitle}
      </LinkPageFact>
    </Grid>
  );
}

/** One card per change, so it reads the same on a phone as on a desk. */
function Changes(props: { attribution: PublicAttribution }) {
  const { attribution } = props;
  const zone = browserTimeZone();
  return (
    <Stack gap="xs" component="section" aria-label="What was recorded">
      <Title order={2} fz="h4">
        What was recorded
      </Title>
      <Text size="sm" c="dimmed">
        {attribution.changes.length === 1 ? 'This change was' : 'These changes were'} recorded outside an
        approved change window. Times are in your local time ({zone}).
      </Text>
      {attribution.changes.length === 0 ? (
        <Text size="sm">No changes are listed any more.</Text>
      ) : (
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {attribution.changes.map((change) => (
            <Paper
              key={`${change.occurredAt} ${change.assetName} ${change.change}`}
              component="li"
              withBorder
              p="sm"
              bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-6))"
            >
              <Stack gap={4}>
                <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                  {change.change}
                </Text>
                <Text size="sm" className="tabular" style={{ overflowWrap: 'anywhere' }}>
                  <Text span c="dimmed" size="sm">
                    On{' '}
                  </Text>
                  {change.assetName}
                  <Text span c="dimmed" size="sm">
                    {' '}
                    at{' '}
                  </Text>
                  {formatDateTime(change.occurredAt, zone, true)}
                </Text>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  <Text span c="dimmed" size="sm">
                    Why it was tied to {attribution.vendorName}:{' '}
                  </Text>
                  {change.evidence || 'no detail was recorded'}
                </Text>
              </Stack>
            </Paper>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function Replied(props: { attribution: PublicAttribution; name: string }) {
  const { attribution } = props;
  return (
    <PublicFrame title="Thank you" width={WIDTH}>
      <Stack gap="sm" align="flex-start">
        <ThemeIcon size={44} radius="xl" variant="light" color="teal">
          <IconCircleCheck size={26} />
        </ThemeIcon>
        <Text>
          {attribution.mspName} has your reply, {props.name}. It is on incident #{attribution.ticketNumber}, “
          {attribution.ticketTitle}”, where {attribution.mspName} and {attribution.clientName} will see it.
        </Text>
        <Text size="sm" c="dimmed">
          You can close this page. The link has been used and no longer opens.
        </Text>
      </Stack>
    </PublicFrame>
  );
}
