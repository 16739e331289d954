// What a page behind a one-time link shows while it loads, and once the link is used, expired or unknown;
// and the labelled facts such a page opens with.
import { Alert, Grid, Skeleton, Stack, Text } from '@mantine/core';
import { IconLinkOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { isApiError } from '../api/client.ts';
import { PublicFrame } from './public-frame.tsx';

/** A used or expired link (404, or a malformed one: 400) reads alike; anything else says what went wrong. */
export function LinkCannotBeUsed(props: { error: Error | null; width: number }) {
  const isGone = !props.error || isApiError(props.error, 404) || isApiError(props.error, 400);
  return (
    <PublicFrame title="This link cannot be used" width={props.width}>
      <Alert color="gray" variant="light" icon={<IconLinkOff size={18} />}>
        {isGone
          ? 'It has been used already, or it has expired. Ask whoever sent it to you for a new link.'
          : props.error?.message}
      </Alert>
    </PublicFrame>
  );
}

export function LinkPageLoading(props: { title: string; width: number }) {
  return (
    <PublicFrame title={props.title} width={props.width}>
      <Stack gap="sm" aria-label="Loading">
        <Skeleton height={60} />
        <Skeleton height={240} />
      </Stack>
    </PublicFrame>
  );
}

/** One labelled line of what a link page is about, inside the page's facts grid. */
export function LinkPageFact(props: { label: string; children: ReactNode }) {
  return (
    <>
      <Grid.Col span={{ base: 4, sm: 3 }}>
        <Text size="sm" c="dimmed">
          {props.label}
        </Text>
      </Grid.Col>
      <Grid.Col span={{ base: 8, sm: 9 }}>
        <Text size="sm" fw={500} component="div" style={{ overflowWrap: 'anywhere' }}>
          {props.children}
        </Text>
      </Grid.Col>
    </>
  );
}
