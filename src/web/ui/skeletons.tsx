// Loading placeholders shaped like what they stand for, so nothing jumps when data arrives.
import { Group, Paper, Skeleton, Stack } from '@mantine/core';

/** Stable names for placeholder slots (they never reorder, but keys should not be bare indexes). */
function slots(count: number, prefix: string): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix}${index}`);
}

export function TableSkeleton(props: { rows?: number; columns?: number }) {
  const rows = props.rows ?? 6;
  const columns = props.columns ?? 4;
  return (
    <Paper withBorder p="sm" aria-busy="true" aria-label="Loading">
      <Stack gap={10}>
        <Group gap="lg" wrap="nowrap">
          {slots(columns, 'h').map((slot, column) => (
            <Skeleton key={slot} height={10} width={column === 0 ? '28%' : '14%'} />
          ))}
        </Group>
        {slots(rows, 'r').map((row) => (
          <Group key={row} gap="lg" wrap="nowrap">
            {slots(columns, `${row}c`).map((slot, column) => (
              <Skeleton key={slot} height={14} width={column === 0 ? '28%' : '14%'} />
            ))}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

export function PageSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading">
      <Skeleton height={26} width={240} />
      <Skeleton height={12} width={380} />
      <TableSkeleton />
    </Stack>
  );
}
