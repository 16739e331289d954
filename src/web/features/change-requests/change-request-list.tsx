// A page's list of change requests below its filters, in the staff app and in the vendor portal: a skeleton
// while it loads, the error, what to do when there are none yet or none match, else the table with its pages.
import { Button, Text } from '@mantine/core';
import { IconCalendarTime, IconPlus } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { EmptyState, NoMatches } from '../../ui/empty-state.tsx';
import { ListPagination } from '../../ui/list-pagination.tsx';
import { TableSkeleton } from '../../ui/skeletons.tsx';

export function NewChangeRequestButton(props: { onClick: () => void }) {
  return (
    <Button leftSection={<IconPlus size={16} />} onClick={props.onClick}>
      New change request
    </Button>
  );
}

/** "12 change requests". */
export const countChangeRequests = (total: number) =>
  `${total} change ${total === 1 ? 'request' : 'requests'}`;

export function ChangeRequestList<R>(props: {
  list: UseQueryResult<{ items: R[]; total: number }>;
  isFiltered: boolean;
  /** How many columns the skeleton has while the list loads. */
  skeletonColumns: number;
  /** Why to raise one, while there are none yet; with the button to. */
  emptyDescription: string;
  addButton: ReactNode;
  /** How to find some when the filters match none, e.g. "Try another status, or clear the filter." */
  noMatchesDescription: string;
  onClearFilters: () => void;
  /** The page shown, from 1. */
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  /** The table of the page's requests, with the pages below it as its footer. */
  children: (requests: R[], footer: ReactNode) => ReactNode;
}) {
  const { list } = props;
  if (list.isPending) return <TableSkeleton columns={props.skeletonColumns} />;
  if (list.isError) return <Text c="red">{list.error.message}</Text>;
  const { total } = list.data;
  if (total === 0 && !props.isFiltered)
    return (
      <EmptyState
        icon={<IconCalendarTime size={24} />}
        title="No change requests yet"
        description={props.emptyDescription}
        action={props.addButton}
      />
    );
  if (total === 0)
    return (
      <NoMatches
        title="No change requests match"
        description={props.noMatchesDescription}
        onClear={props.onClearFilters}
      />
    );
  return props.children(
    list.data.items,
    <ListPagination
      page={props.page}
      pageSize={props.pageSize}
      total={total}
      onChange={props.onPageChange}
    />,
  );
}
