// The company's agreements in plain words: each one's terms (what is covered, what is billable, what is
// promised), its response and resolution targets by priority in business time, and its monthly SLA statements.
import { Badge, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '../../ui/empty-state.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { AgreementStatusBadge, formatPeriod } from '../agreements/agreement-display.tsx';
import { priorityColors } from '../tickets/ticket-labels.ts';
import { PortalAgreementStatements } from './portal-agreement-statements.tsx';
import { clientPortalOverviewQuery, type PortalAgreement, portalAgreementsQuery } from './portal-api.ts';
import { businessTimeWords, portalPriorityLabels } from './portal-words.ts';

export function PortalAgreementsPage() {
  const agreements = useQuery(portalAgreementsQuery);
  const overview = useQuery(clientPortalOverviewQuery);
  const mspName = overview.data?.mspName ?? 'your IT provider';

  return (
    <>
      <PageHeader title="Agreements" description={`What ${mspName} does for you, and what it promises`} />
      {!agreements.isSuccess ? (
        <QueryState query={agreements} height={320} />
      ) : agreements.data.length === 0 ? (
        <EmptyState
          icon={<IconFileText size={24} />}
          title="No agreements yet"
          description={`Once ${mspName} sets up an agreement with you, its terms and the response times it promises are here. Ask ${mspName} if you expected one.`}
        />
      ) : (
        <Stack gap="xl">
          {agreements.data.map((agreement) => (
            <AgreementCard key={agreement.id} agreement={agreement} />
          ))}
        </Stack>
      )}
    </>
  );
}

function AgreementCard(props: { agreement: PortalAgreement }) {
  const { agreement } = props;
  const headingId = `agreement-${agreement.id}`;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="md">
        <div>
          <Title order={2} fz="h3" id={headingId}>
            {agreement.name}
          </Title>
          <Text size="sm" c="dimmed">
            {formatPeriod(agreement.startsOn, agreement.endsOn)}
          </Text>
        </div>
        <Group gap={6}>
          <Badge variant="light" color="indigo" tt="none">
            {agreement.typeLabel}
          </Badge>
          <AgreementStatusBadge status={agreement.status} />
        </Group>
      </Group>
      <Stack gap="lg">
        {agreement.terms.length > 0 && (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" verticalSpacing="md">
            {agreement.terms.map((section) => (
              <div key={section.heading}>
                <Title order={3} fz="h4" mb={4}>
                  {section.heading}
                </Title>
                <List size="sm" spacing={4} aria-label={section.heading}>
                  {section.lines.map((line) => (
                    <List.Item key={line}>{line}</List.Item>
                  ))}
                </List>
              </div>
            ))}
          </SimpleGrid>
        )}
        <TargetsTable agreement={agreement} />
        <PortalAgreementStatements agreement={agreement} />
      </Stack>
    </Paper>
  );
}

function TargetsTable(props: { agreement: PortalAgreement }) {
  const { targets } = props.agreement;
  return (
    <div>
      <Title order={3} fz="h4" mb={4}>
        Response and resolution targets
      </Title>
      {!targets || targets.length === 0 ? (
        <Text size="sm" c="dimmed">
          This agreement promises no response or resolution times.
        </Text>
      ) : (
        <>
          <Paper withBorder>
            <Table.ScrollContainer minWidth={520} type="native">
              <Table verticalSpacing={6} aria-label={`Targets of ${props.agreement.name}`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Priority</Table.Th>
                    <Table.Th>First response within</Table.Th>
                    <Table.Th>Resolved within</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {targets.map((target) => (
                    <Table.Tr key={target.priority}>
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          <Badge size="sm" variant="light" color={priorityColors[target.priority]}>
                            {target.priority}
                          </Badge>
                          <Text size="sm">{portalPriorityLabels[target.priority]}</Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{businessTimeWords(target.firstResponseMinutes)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{businessTimeWords(target.resolutionMinutes)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <Text size="xs" c="dimmed" mt={4}>
            Counted in business hours, from when the ticket is raised.
          </Text>
        </>
      )}
    </div>
  );
}
