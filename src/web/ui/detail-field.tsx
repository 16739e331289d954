// One labelled line of a detail page's "Details" card (a client, an asset); an empty value shows a dash.
import { Grid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export function DetailField(props: { label: string; children: ReactNode }) {
  return (
    <Grid gap="xs">
      <Grid.Col span={4}>
        <Text size="sm" c="dimmed">
          {props.label}
        </Text>
      </Grid.Col>
      <Grid.Col span={8}>
        <Text size="sm" component="div">
          {props.children || <Text c="dimmed">—</Text>}
        </Text>
      </Grid.Col>
    </Grid>
  );
}
