// A paged list's footer ("101–200 of 250" and the page buttons); nothing while the list fits on one page.
import { Group, Pagination, Text } from '@mantine/core';

export function ListPagination(props: {
  /** The page shown, from 1. */
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number) => void;
}) {
  const { page, pageSize, total } = props;
  if (total <= pageSize) return null;
  return (
    <Group justify="space-between" px="sm" py={8}>
      <Text size="xs" c="dimmed">
        {(page - 1) * pageSize + 1}–{Math.min(page * pageSize, total)} of {total}
      </Text>
      <Pagination size="sm" total={Math.ceil(total / pageSize)} value={page} onChange={props.onChange} />
    </Group>
  );
}
