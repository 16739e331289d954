// Mail triage: received mail Accord could not place by itself (unknown sender, a ticket it cannot match,
// mail it could not read), newest first, for a dispatcher to turn into a ticket, add to one, or dismiss;
// and the log of all received mail with what became of each. View and search live in the URL.
import {
  Alert,
  Badge,
  Button,
  Group,
  Kbd,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconInbox, IconPaperclip, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, useMemo, useState } from 'react';
import { type Column, DataTable } from '../../ui/data-table.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { ButtonLink } from '../../ui/links.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';
import { useCan } from '../auth/session.ts';
import { InboundEmailDrawer } from './inbound-email-drawer.tsx';
import { outcomeLabels, reasonLabels } from './inbound-labels.ts';
import {
  type InboundEmail,
  type InboundOutcome,
  inboundEmailsQuery,
  type TriageSearch,
} from './inbound-mail-api.ts';
import { OutcomeBadge } from './outcome-badge.tsx';

const route = getRouteApi('/app/triage');

const baseColumns: Column<InboundEmail>[] = [
  {
    key: 'received',
    header: 'Received',
    width: 110,
    sortValue: (mail) => mail.receivedAt,
    render: (mail) => <RelativeTime value={mail.receivedAt} />,
  },
  {
    key: 'from',
    header: 'From',
    width: 240,
    sortValue: (mail) => mail.fromName || mail.fromAddress,
    render: (mail) => (
      <Stack gap={0} miw={0}>
        <Text fz="sm" fw={500} lineClamp={1}>
          {mail.fromName.trim() || mail.fromAddress}
        </Text>
        {mail.fromName.trim() && (
          <Text fz="xs" c="dimmed" lineClamp={1} style={{ overflowWrap: 'anywhere' }}>
            {mail.fromAddress}
          </Text>
        )}
      </Stack>
    ),
  },
  {
    key: 'subject',
    header: 'Subject',
    sortValue: (mail) => mail.subject,
    render: (mail) => (
      <Text fz="sm" lineClamp={1} title={mail.subject} style={{ overflowWrap: 'anywhere' }}>
        {mail.subject.trim() || (
          <Text span c="dimmed" fz="sm">
            (no subject)
          </Text>
        )}
      </Text>
    ),
  },
];

const reasonColumn: Column<InboundEmail> = {
  key: 'reason',
  header: 'Why',
  width: 250,
  sortValue: (mail) => (mail.reason ? reasonLabels[mail.reason] : ''),
  render: (mail) => (
    <Tooltip label={mail.detail ?? ''} disabled={!mail.detail} multiline maw={360}>
      <Text fz="sm" c={mail.reason === 'parse_error' ? 'red' : undefined} lineClamp={1}>
        {mail.reason ? reasonLabels[mail.reason] : '—'}
      </Text>
    </Tooltip>
  ),
};

const outcomeColumn: Column<InboundEmail> = {
  key: 'outcome',
  header: 'Outcome',
  width: 280,
  sortValue: (mail) => mail.outcome,
  render: (mail) => <OutcomeBadge mail={mail} />,
};

const attachmentsColumn: Column<InboundEmail> = {
  key: 'attachments',
  header: 'Files',
  width: 70,
  align: 'right',
  sortValue: (mail) => mail.attachmentCount,
  render: (mail) =>
    mail.attachmentCount > 0 ? (
      <Group gap={2} justify="flex-end" wrap="nowrap" aria-label={`${mail.attachmentCount} attachments`}>
        <IconPaperclip size={13} aria-hidden />
        <Text fz="sm" className="tabular">
          {mail.attachmentCount}
        </Text>
      </Group>
    ) : null,
};

export function TriagePage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const can = useCan();
  const [draft, setDraft] = useState(search.q ?? '');
  const [openId, setOpenId] = useState<string | null>(null);
  const mails = useInfiniteQuery(inboundEmailsQuery(search));
  const rows = useMemo(() => mails.data?.pages.flatMap((page) => page.items) ?? [], [mails.data]);
  const openTriage = mails.data?.pages[0]?.openTriage;
  const isAll = search.view === 'all';
  const columns = [...baseColumns, isAll ? outcomeColumn : reasonColumn, attachmentsColumn];

  const update = (patch: Partial<TriageSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: 'q' in patch });

  function applySearch(event: FormEvent) {
    event.preventDefault();
    update({ q: draft.trim() || undefined });
  }

  return (
    <>
      <PageHeader
        title="Mail triage"
        badges={
          openTriage ? (
            <Badge variant="light" color="orange" className="tabular">
              {openTriage} open
            </Badge>
          ) : undefined
        }
        description="Mail Accord could not place by itself. Open one to create a ticket, add it to a ticket, or dismiss it."
        actions={
          can('mail.manage') ? (
            <ButtonLink to="/settings/inbound-mail" variant="default">
              Mailboxes
            </ButtonLink>
          ) : undefined
        }
      />
      <Stack gap="md">
        <Group justify="space-between" align="end" gap="sm">
          <Group align="end" gap="sm">
            <SegmentedControl
              aria-label="Which mail"
              value={isAll ? 'all' : 'triage'}
              onChange={(value) => update({ view: value === 'all' ? 'all' : undefined, outcome: undefined })}
              data={[
                { value: 'triage', label: openTriage ? `Triage (${openTriage})` : 'Triage' },
                { value: 'all', label: 'All received' },
              ]}
            />
            {isAll && (
              <Select
                aria-label="Outcome"
                placeholder="Any outcome"
                clearable
                w={180}
                data={(Object.keys(outcomeLabels) as InboundOutcome[]).map((value) => ({
                  value,
                  label: outcomeLabels[value],
                }))}
                value={search.outcome ?? null}
                onChange={(value) => update({ outcome: (value as InboundOutcome | null) ?? undefined })}
              />
            )}
          </Group>
          <form onSubmit={applySearch} aria-label="Search received mail">
            <Group gap="xs" align="end">
              <TextInput
                aria-label="Search"
                placeholder="Sender or subject"
                leftSection={<IconSearch size={14} />}
                w={260}
                value={draft}
                onChange={(event) => setDraft(event.currentTarget.value)}
              />
              <Button type="submit" variant="default">
                Search
              </Button>
              {search.q && (
                <Button
                  variant="subtle"
                  onClick={() => {
                    setDraft('');
                    update({ q: undefined });
                  }}
                >
                  Clear
                </Button>
              )}
            </Group>
          </form>
        </Group>

        {mails.isError && <Alert color="red">{mails.error.message}</Alert>}
        {mails.isPending ? (
          <TableSkeleton rows={6} columns={5} />
        ) : rows.length === 0 ? (
          <EmptyState
            icon={<IconInbox size={24} />}
            title={
              search.q || search.outcome
                ? 'No mail matches'
                : isAll
                  ? 'No mail received yet'
                  : 'Nothing to triage'
            }
            description={
              search.q || search.outcome
                ? 'Try another search, or clear it.'
                : isAll
                  ? 'Mail sent to your mailboxes shows up here with what became of it.'
                  : 'Mail from known contacts and client domains becomes tickets by itself; what Accord cannot place waits here.'
            }
            action={
              !search.q && !isAll && can('mail.manage') ? (
                <ButtonLink to="/settings/inbound-mail" variant="default">
                  Set up mailboxes
                </ButtonLink>
              ) : undefined
            }
          />
        ) : (
          <>
            <DataTable
              label={isAll ? 'Received mail' : 'Mail to triage'}
              columns={columns}
              rows={rows}
              rowKey={(mail) => mail.id}
              onOpen={(mail) => setOpenId(mail.id)}
            />
            <Group justify="space-between">
              <Text size="xs" c="dimmed" visibleFrom="md">
                <Kbd size="xs">j</Kbd> <Kbd size="xs">k</Kbd> move · <Kbd size="xs">Enter</Kbd> open
              </Text>
              {mails.hasNextPage && (
                <Button
                  variant="default"
                  loading={mails.isFetchingNextPage}
                  onClick={() => mails.fetchNextPage()}
                >
                  Load older mail
                </Button>
              )}
            </Group>
          </>
        )}
      </Stack>
      <InboundEmailDrawer emailId={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
