// What a page shows under its header before its query has data: a skeleton while loading, the error if it failed.
import { Skeleton, Text } from '@mantine/core';

export function QueryState(props: { query: { isError: boolean; error: Error | null }; height: number }) {
  if (props.query.isError) return <Text c="red">{props.query.error?.message}</Text>;
  return <Skeleton height={props.height} aria-label="Loading" />;
}
