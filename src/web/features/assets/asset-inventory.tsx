// An asset's latest inventory report: the machine at a glance (OS, uptime), then storage, backups against
// their RPO, updates and protection, and the searchable lists. A section the agent could not collect says
// why rather than showing an empty table.
import { Alert, Badge, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconRobot } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { InventorySection } from '../../../shared/api/inventory.ts';
import { DetailField } from '../../ui/detail-field.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { ButtonLink } from '../../ui/links.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { useNow } from '../../ui/use-now.ts';
import { useCan } from '../auth/session.ts';
import { AccountsTable, ServicesTable, SoftwareTable } from './asset-inventory-lists.tsx';
import { type AssetInventory, assetInventoryQuery } from './inventory-api.ts';
import {
  formatBytes,
  formatUptime,
  readBackup,
  STALE_SIGNATURE_DAYS,
  volumeUsage,
} from './inventory-health.ts';

const healthColors: Record<string, string> = {
  ok: 'green',
  unknown: 'gray',
  rebuilding: 'yellow',
  failing: 'red',
  degraded: 'red',
  failed: 'red',
};

const healthLabels: Record<string, string> = {
  ok: 'OK',
  unknown: 'Unknown',
  rebuilding: 'Rebuilding',
  failing: 'Failing',
  degraded: 'Degraded',
  failed: 'Failed',
};

export function HealthBadge(props: { health: string }) {
  return (
    <Badge variant="light" color={healthColors[props.health] ?? 'gray'}>
      {healthLabels[props.health] ?? props.health}
    </Badge>
  );
}

/** A titled part of the report; when the agent could not collect it, the reason instead of its content. */
export function InventoryCard(props: {
  title: string;
  notAvailable?: string;
  /** The section is not in the report at all (null) without a reason. */
  isMissing?: boolean;
  children: ReactNode;
}) {
  let body = props.children;
  if (props.notAvailable) body = <Text size="sm" c="dimmed">{`Not available: ${props.notAvailable}`}</Text>;
  else if (props.isMissing)
    body = (
      <Text size="sm" c="dimmed">
        Not reported by this agent.
      </Text>
    );
  return (
    <Paper withBorder p="md" component="section" aria-label={props.title}>
      <Title order={3} fz="h4" mb="sm">
        {props.title}
      </Title>
      {body}
    </Paper>
  );
}

export function AssetInventoryView(props: { assetId: string }) {
  const can = useCan();
  const inventory = useQuery(assetInventoryQuery(props.assetId));
  if (inventory.isPending || inventory.isError) return <QueryState query={inventory} height={320} />;
  if (inventory.data === null) {
    return (
      <EmptyState
        icon={<IconRobot size={24} />}
        title="No inventory yet"
        description="Software, services, accounts, disks and backups appear here once an agent on this machine sends its first report. Create an enrollment token for the client and run its install command on the machine."
        action={
          can('agents.manage') && (
            <ButtonLink to="/settings/agents" variant="default">
              Go to Settings → Agents
            </ButtonLink>
          )
        }
      />
    );
  }
  return <Report inventory={inventory.data} />;
}

function Report(props: { inventory: AssetInventory }) {
  const { state, notAvailable } = props.inventory;
  const why = (section: InventorySection) => notAvailable[section];
  return (
    <Stack gap="md">
      <Summary inventory={props.inventory} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <InventoryCard title="Volumes">
          <Volumes inventory={props.inventory} />
        </InventoryCard>
        <InventoryCard title="Disks and RAID" notAvailable={why('disks') ?? why('raid')}>
          <DisksAndRaid inventory={props.inventory} />
        </InventoryCard>
        <InventoryCard title="Backups" notAvailable={why('backups')} isMissing={state.backups === null}>
          <Backups inventory={props.inventory} />
        </InventoryCard>
        <InventoryCard title="Updates and protection">
          <UpdatesAndProtection inventory={props.inventory} />
        </InventoryCard>
      </SimpleGrid>
      <InventoryCard title="Software" notAvailable={why('software')} isMissing={state.software === null}>
        <SoftwareTable software={state.software ?? []} />
      </InventoryCard>
      <InventoryCard title="Services" notAvailable={why('services')} isMissing={state.services === null}>
        <ServicesTable services={state.services ?? []} />
      </InventoryCard>
      <InventoryCard title="Accounts" notAvailable={why('accounts')} isMissing={state.accounts === null}>
        <AccountsTable accounts={state.accounts ?? []} />
      </InventoryCard>
    </Stack>
  );
}

function Summary(props: { inventory: AssetInventory }) {
  const { inventory } = props;
  const { state, health } = inventory;
  return (
    <Paper withBorder p="md" component="section" aria-label="Report">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs" verticalSpacing={6}>
        <DetailField label="Collected">
          <Group gap={6} wrap="nowrap">
            <RelativeTime value={inventory.collectedAt} />
            <Text size="xs" c="dimmed">
              {formatDateTime(inventory.collectedAt)}
            </Text>
          </Group>
        </DetailField>
        <DetailField label="Operating system">{`${state.os} ${state.osVersion}`}</DetailField>
        <DetailField label="Kernel">{state.kernel}</DetailField>
        <DetailField label="Uptime">{formatUptime(health.uptimeSeconds)}</DetailField>
        <DetailField label="Hostname">{state.hostname}</DetailField>
        <DetailField label="Agent version">{inventory.agentVersion}</DetailField>
      </SimpleGrid>
    </Paper>
  );
}

function Volumes(props: { inventory: AssetInventory }) {
  const { volumes } = props.inventory.health;
  if (volumes.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No volumes reported.
      </Text>
    );
  return (
    <Stack gap="sm">
      {volumes.map((volume) => {
        const usage = volumeUsage(volume);
        return (
          <Stack key={volume.mount} gap={4}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" fw={500} truncate>
                {volume.mount}
                {volume.filesystem && <Text span size="xs" c="dimmed">{` ${volume.filesystem}`}</Text>}
              </Text>
              <Text size="xs" c={usage.isLow ? 'red' : 'dimmed'} className="tabular" style={{ flex: 'none' }}>
                {usage.isLow && <IconAlertTriangle size={12} style={{ verticalAlign: -1, marginRight: 4 }} />}
                {`${formatBytes(volume.freeBytes)} free of ${formatBytes(volume.sizeBytes)}`}
              </Text>
            </Group>
            <Progress
              value={usage.usedPercent}
              color={usage.isLow ? 'red' : 'blue'}
              size="sm"
              aria-label={`${volume.mount}: ${usage.usedPercent}% used${usage.isLow ? ', low on space' : ''}`}
            />
          </Stack>
        );
      })}
    </Stack>
  );
}

function DisksAndRaid(props: { inventory: AssetInventory }) {
  const { disks, raid } = props.inventory.state;
  if (!disks?.length && !raid?.length)
    return (
      <Text size="sm" c="dimmed">
        No disks reported.
      </Text>
    );
  return (
    <Table fz="sm" verticalSpacing={4} aria-label="Disks and RAID">
      <Table.Tbody>
        {(disks ?? []).map((disk) => (
          <Table.Tr key={`disk-${disk.device}`}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {disk.device}
              </Text>
              <Text size="xs" c="dimmed">
                {[disk.model, disk.serial].filter(Boolean).join(' · ') || 'Disk'}
              </Text>
            </Table.Td>
            <Table.Td>
              <HealthBadge health={disk.health} />
              {disk.detail && (
                <Text size="xs" c="dimmed">
                  {disk.detail}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
        {(raid ?? []).map((array) => (
          <Table.Tr key={`raid-${array.device}`}>
            <Table.Td>
              <Text size="sm" fw={500}>
                {array.device}
              </Text>
              <Text size="xs" c="dimmed">
                {`RAID${array.level ? ` ${array.level}` : ''} · ${array.members.join(', ') || 'no members'}`}
              </Text>
            </Table.Td>
            <Table.Td>
              <HealthBadge health={array.health} />
              {array.failedMembers.length > 0 && (
                <Text size="xs" c="red">
                  Failed: {array.failedMembers.join(', ')}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Backups(props: { inventory: AssetInventory }) {
  const now = useNow(60_000);
  const { state, health } = props.inventory;
  const jobs = state.backups ?? [];
  if (jobs.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No backup jobs reported.
      </Text>
    );
  return (
    <Stack gap="sm">
      {jobs.map((job) => {
        const reading = readBackup(job, health.backupRuns, now);
        return (
          <Stack key={job.name} gap={2}>
            <Group gap="xs">
              <Text size="sm" fw={500}>
                {job.name}
              </Text>
              <Badge
                variant="light"
                color={job.status === 'ok' ? 'green' : job.status === 'failed' ? 'red' : 'gray'}
              >
                {job.status === 'ok'
                  ? 'Last run OK'
                  : job.status === 'failed'
                    ? 'Last run failed'
                    : 'Unknown'}
              </Badge>
              <Text size="xs" c="dimmed">
                {`${job.source} · RPO ${job.rpoHours} h`}
              </Text>
            </Group>
            <Group gap={6}>
              <Text size="xs" c="dimmed">
                Last success
              </Text>
              {reading.lastSuccessAt ? (
                <RelativeTime value={reading.lastSuccessAt} size="xs" />
              ) : (
                <Text size="xs" c="dimmed">
                  never
                </Text>
              )}
            </Group>
            {reading.isOlderThanRpo && (
              <Alert color="red" variant="light" p={6} icon={<IconAlertTriangle size={14} />}>
                <Text size="xs">
                  {reading.lastSuccessAt
                    ? `Older than its RPO: the last good backup is ${Math.floor(reading.ageHours ?? 0)} h old, the target is ${job.rpoHours} h.`
                    : 'No successful backup reported: older than its RPO.'}
                </Text>
              </Alert>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}

function UpdatesAndProtection(props: { inventory: AssetInventory }) {
  const { state, health, notAvailable } = props.inventory;
  const updates = health.pendingUpdates;
  const signatureAge = health.signatureAgeDays;
  return (
    <Stack gap={6}>
      <DetailField label="Pending updates">
        {notAvailable.updates ? (
          <Text size="sm" c="dimmed">{`Not available: ${notAvailable.updates}`}</Text>
        ) : updates ? (
          <Group gap={6}>
            <Text size="sm">{updates.count === 0 ? 'Up to date' : `${updates.count} pending`}</Text>
            {updates.security !== null && updates.security > 0 && (
              <Badge variant="light" color="red">
                {`${updates.security} security`}
              </Badge>
            )}
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Unknown
          </Text>
        )}
      </DetailField>
      {notAvailable.protection ? (
        <DetailField label="Protection">
          <Text size="sm" c="dimmed">{`Not available: ${notAvailable.protection}`}</Text>
        </DetailField>
      ) : (state.protection ?? []).length === 0 ? (
        <DetailField label="Protection">
          <Text size="sm" c="dimmed">
            No antivirus reported
          </Text>
        </DetailField>
      ) : (
        (state.protection ?? []).map((product) => (
          <DetailField key={product.product} label={product.product}>
            <Group gap={6}>
              <Badge variant="light" color={product.enabled ? 'green' : 'red'}>
                {product.enabled ? 'Enabled' : 'Disabled'}
              </Badge>
              {product.realTimeProtection === false && (
                <Badge variant="light" color="red">
                  Real-time off
                </Badge>
              )}
            </Group>
          </DetailField>
        ))
      )}
      {signatureAge !== null && (
        <DetailField label="Signatures">
          <Text size="sm" c={signatureAge > STALE_SIGNATURE_DAYS ? 'red' : undefined}>
            {signatureAge === 0
              ? 'Updated today'
              : `${signatureAge} ${signatureAge === 1 ? 'day' : 'days'} old`}
          </Text>
        </DetailField>
      )}
    </Stack>
  );
}
