// Business calendars: the hours SLA clocks run on.
import { Badge, Text } from '@mantine/core';
import { IconCalendarTime, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { AnchorLink, ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { summarizeHours } from './calendar-hours.ts';
import { type Calendar, calendarsQuery } from './settings-api.ts';

const columns: Column<Calendar>[] = [
  {
    key: 'name',
    header: 'Name',
    sortValue: (calendar) => calendar.name,
    render: (calendar) => (
      <AnchorLink
        to="/settings/calendars/$calendarId"
        params={{ calendarId: calendar.id }}
        size="sm"
        fw={500}
      >
        {calendar.name}
      </AnchorLink>
    ),
  },
  {
    key: 'zone',
    header: 'Time zone',
    sortValue: (calendar) => calendar.timeZone,
    render: (calendar) => calendar.timeZone,
  },
  {
    key: 'hours',
    header: 'Hours',
    render: (calendar) => <Text size="sm">{summarizeHours(calendar.weeklyHours)}</Text>,
  },
  {
    key: 'holidays',
    header: 'Holidays',
    align: 'right',
    width: 90,
    sortValue: (calendar) => calendar.holidays.length,
    render: (calendar) => <span className="tabular">{calendar.holidays.length}</span>,
  },
  {
    key: 'version',
    header: 'Version',
    width: 90,
    render: (calendar) => (
      <Badge variant="light" color="gray">
        v{calendar.version}
      </Badge>
    ),
  },
  {
    key: 'updated',
    header: 'Updated',
    width: 110,
    sortValue: (calendar) => calendar.updatedAt,
    render: (calendar) => <RelativeTime value={calendar.updatedAt} timeZone={calendar.timeZone} />,
  },
];

export function CalendarsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const calendars = useQuery(calendarsQuery);
  const addButton = can('calendars.manage') && (
    <ButtonLink
      to="/settings/calendars/$calendarId"
      params={{ calendarId: 'new' }}
      leftSection={<IconPlus size={16} />}
    >
      New calendar
    </ButtonLink>
  );

  return (
    <>
      <PageHeader
        title="Business calendars"
        description="Time zone, weekly hours and holidays. SLA targets count business minutes on these calendars."
        actions={addButton}
      />
      {calendars.isPending ? (
        <TableSkeleton columns={6} rows={3} />
      ) : calendars.isError ? (
        <Text c="red">{calendars.error.message}</Text>
      ) : calendars.data.length === 0 ? (
        <EmptyState
          icon={<IconCalendarTime size={24} />}
          title="No business calendars yet"
          description="Create one for your support hours, e.g. Mon–Fri 08:00–17:00 in your time zone, with public holidays."
          action={addButton}
        />
      ) : (
        <DataTable
          label="Business calendars"
          columns={columns}
          rows={calendars.data}
          rowKey={(calendar) => calendar.id}
          initialSort={{ key: 'name', direction: 'asc' }}
          onOpen={(calendar) =>
            navigate({ to: '/settings/calendars/$calendarId', params: { calendarId: calendar.id } })
          }
        />
      )}
    </>
  );
}
