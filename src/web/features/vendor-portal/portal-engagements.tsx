// The vendor's engagements on the portal's overview: each client and product with its Letter of Agency and
// the standing with the rules (and a link to acknowledge them). A table at a desk, cards on a phone.
import { Anchor, Box, Group, Paper, Stack, Text } from '@mantine/core';
import { IconClockExclamation, IconDownload } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { formatDate } from '../../ui/format.ts';
import { AnchorLink } from '../../ui/links.tsx';
import { LoaStatusBadge, StandingBadge } from '../vendor-terms/terms-badges.tsx';
import { expiryNote } from '../vendor-terms/terms-status.ts';
import { localToday } from '../vendors/renewal.ts';
import { type PortalEngagement, portalSignedCopyUrl } from './portal-api.ts';

/** Rules the vendor still has to acknowledge (never, or not since they changed). */
export const needsAcknowledging = (engagement: Pick<PortalEngagement, 'rules'>) =>
  engagement.rules === 'not_acknowledged' || engagement.rules === 'outdated';

export function PortalEngagements(props: { engagements: PortalEngagement[] }) {
  const navigate = useNavigate();
  const sorted = [...props.engagements].sort(
    (a, b) => a.clientName.localeCompare(b.clientName) || a.product.localeCompare(b.product),
  );
  return (
    <>
      <Box visibleFrom="sm">
        <DataTable
          label="Engagements"
          columns={columns}
          rows={sorted}
          rowKey={(engagement) => engagement.id}
          onOpen={(engagement) =>
            navigate({ to: '/vendor/rules/$engagementId', params: { engagementId: engagement.id } })
          }
        />
      </Box>
      <Stack gap="xs" hiddenFrom="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {sorted.map((engagement) => (
          <Paper key={engagement.id} component="li" withBorder p="sm">
            <Stack gap={6}>
              <Text fw={600} size="sm">
                {engagement.clientName}
                <Text span c="dimmed" size="sm">
                  {' · '}
                  {engagement.product}
                </Text>
              </Text>
              <Group gap="xs" wrap="nowrap">
                <Text size="xs" c="dimmed" w={44}>
                  Letter
                </Text>
                <LoaCell loa={engagement.loa} />
              </Group>
              <Group gap="xs" wrap="nowrap">
                <Text size="xs" c="dimmed" w={44}>
                  Rules
                </Text>
                <RulesCell engagement={engagement} />
              </Group>
            </Stack>
          </Paper>
        ))}
      </Stack>
    </>
  );
}

const columns: Column<PortalEngagement>[] = [
  {
    key: 'client',
    header: 'Client',
    sortValue: (engagement) => engagement.clientName,
    render: (engagement) => (
      <Text size="sm" fw={500}>
        {engagement.clientName}
      </Text>
    ),
  },
  {
    key: 'product',
    header: 'Product',
    sortValue: (engagement) => engagement.product,
    render: (engagement) => <Text size="sm">{engagement.product}</Text>,
  },
  {
    key: 'loa',
    header: 'Letter of Agency',
    sortValue: (engagement) => engagement.loa?.status ?? null,
    render: (engagement) => <LoaCell loa={engagement.loa} />,
  },
  {
    key: 'rules',
    header: 'Rules of engagement',
    sortValue: (engagement) => engagement.rules,
    render: (engagement) => <RulesCell engagement={engagement} />,
  },
];

function RulesCell(props: { engagement: PortalEngagement }) {
  const { engagement } = props;
  const isDue = needsAcknowledging(engagement);
  return (
    <Group gap="sm" wrap="nowrap">
      <StandingBadge rules={{ status: engagement.rules, acknowledgements: [] }} />
      {engagement.rules !== 'none' && (
        <AnchorLink
          to="/vendor/rules/$engagementId"
          params={{ engagementId: engagement.id }}
          size="sm"
          fw={isDue ? 600 : undefined}
          aria-label={`${isDue ? 'Acknowledge' : 'Read'} the rules at ${engagement.clientName} (${engagement.product})`}
        >
          {isDue ? 'Acknowledge' : 'Read'}
        </AnchorLink>
      )}
    </Group>
  );
}

function LoaCell(props: { loa: PortalEngagement['loa'] }) {
  const { loa } = props;
  if (!loa) return <LoaStatusBadge status={null} />;
  const note = loa.expiresOn ? expiryNote(loa.expiresOn, localToday()) : null;
  return (
    <Group gap="xs" wrap="nowrap">
      <LoaStatusBadge status={loa.status} />
      {loa.expiresOn && (
        <Text size="xs" c={note?.state === 'later' ? 'dimmed' : 'orange'} style={{ whiteSpace: 'nowrap' }}>
          {note?.state === 'soon' && <IconClockExclamation size={12} style={{ verticalAlign: -2 }} />}{' '}
          {loa.status === 'signed' ? 'until' : 'ends'} {formatDate(loa.expiresOn)}
          {note?.text && note.state !== 'later' ? ` (${note.text})` : ''}
        </Text>
      )}
      {loa.hasSignedCopy && (
        <Anchor href={portalSignedCopyUrl(loa.id)} size="xs" style={{ whiteSpace: 'nowrap' }}>
          <IconDownload size={12} style={{ verticalAlign: -2 }} /> Signed copy
        </Anchor>
      )}
    </Group>
  );
}
