// What a change request's page shows alike in the staff app and in the vendor portal: the badges beside its
// title, and its details beside what will change and how it is undone.
import { Badge, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { DetailField } from '../../ui/detail-field.tsx';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { AwaitingClientBadge, formatWindow, RiskBadge, StatusBadge } from './change-request-labels.tsx';
import type { ChangeRequest } from './change-requests-api.ts';

/** A change request as staff or its vendor see it (the vendor portal counts overlaps rather than naming them). */
export type ViewedChangeRequest = Omit<ChangeRequest, 'overlaps'>;

export function ChangeRequestBadges(props: { request: ViewedChangeRequest }) {
  const { request } = props;
  return (
    <>
      <StatusBadge status={request.status} />
      <AwaitingClientBadge request={request} />
      {request.emergency && (
        <Badge variant="filled" color="red">
          Emergency
        </Badge>
      )}
    </>
  );
}

/** The details card on the left, what will change and the back-out plan on the right (stacked on a phone). */
export function ChangeRequestPlan(props: { request: ViewedChangeRequest; details: ReactNode }) {
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 6 }}>{props.details}</Grid.Col>
      <Grid.Col span={{ base: 12, md: 6 }}>
        <Stack gap="md">
          <TextCard title="What will change" text={props.request.description} />
          <TextCard title="Back-out plan" text={props.request.backOutPlan} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/** The window, risk and who requested it, after the fields each side shows first (client, vendor, assets). */
export function ChangeRequestDetails(props: {
  request: ViewedChangeRequest;
  /** The fields above the window. */
  children: ReactNode;
  /** Says under the window that it is in the viewer's own zone. */
  isZoneNamed?: boolean;
  /** The fields below who requested it. */
  after?: ReactNode;
}) {
  const { request } = props;
  const zone = browserTimeZone();
  return (
    <Paper withBorder p="md" component="section" aria-label="Details">
      <Title order={2} fz="h4" mb="sm">
        Details
      </Title>
      <Stack gap={6}>
        {props.children}
        <DetailField label="Window">
          <Text size="sm" className="tabular">
            {formatWindow(request.windowStart, request.windowEnd, zone)}
          </Text>
          {props.isZoneNamed && (
            <Text size="xs" c="dimmed">
              Your local time ({zone})
            </Text>
          )}
        </DetailField>
        <DetailField label="Risk">
          <RiskBadge risk={request.risk} />
        </DetailField>
        <DetailField label="Requested">
          {`${request.requestedByName ?? 'Someone'}, ${formatDateTime(request.createdAt, zone)}`}
        </DetailField>
        {props.after}
      </Stack>
      {request.emergency && (
        <Text size="xs" c="dimmed" mt="sm">
          Declared as an emergency after the fact, for approval afterwards.
        </Text>
      )}
    </Paper>
  );
}

function TextCard(props: { title: string; text: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={props.title}>
      <Title order={2} fz="h4" mb="xs">
        {props.title}
      </Title>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {props.text}
      </Text>
    </Paper>
  );
}
