// Shown for unknown URLs and for records that do not exist or are outside the user's client scope
// (the API answers 404 for both, so the page does not say which).
import { Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCompassOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { isApiError } from '../api/client.ts';
import { ButtonLink } from './links.tsx';
import { PageSkeleton } from './skeletons.tsx';

export function NotFoundPage(props: { title?: string; message?: string; action?: ReactNode }) {
  return (
    <Stack align="center" gap="sm" py={80} ta="center">
      <ThemeIcon size={48} radius="xl" variant="light" color="gray">
        <IconCompassOff size={26} />
      </ThemeIcon>
      <Title order={1} fz="h2">
        {props.title ?? 'Page not found'}
      </Title>
      <Text c="dimmed" size="sm" maw={420}>
        {props.message ?? 'There is nothing at this address, or you do not have access to it.'}
      </Text>
      <div style={{ marginTop: 8 }}>
        {props.action ?? (
          <ButtonLink to="/" variant="default">
            Go to the dashboard
          </ButtonLink>
        )}
      </div>
    </Stack>
  );
}

/**
 * What a record's page shows until its query has the record: a skeleton while it loads; "not found" when the
 * API answers 404 (or 400, for an id that cannot be one); otherwise the error.
 */
export function RecordPageFallback(props: {
  query: { isPending: boolean; error: Error | null };
  notFoundTitle: string;
  notFoundMessage: string;
  /** The way back from "not found", e.g. a button to the list. */
  notFoundAction: ReactNode;
  /** "Could not load the change request". */
  failedTitle: string;
}) {
  const { query } = props;
  if (query.isPending) return <PageSkeleton />;
  if (isApiError(query.error, 404) || isApiError(query.error, 400)) {
    return (
      <NotFoundPage
        title={props.notFoundTitle}
        message={props.notFoundMessage}
        action={props.notFoundAction}
      />
    );
  }
  return <NotFoundPage title={props.failedTitle} message={query.error?.message} />;
}
