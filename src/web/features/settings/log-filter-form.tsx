// What the audit log and the security events share: the filter bar (the page's own fields, a UTC day
// range, Apply puts the trimmed draft in the URL, Clear) and the button that loads the next older page.
import { Button, Group, TextInput } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

type Filters = { from?: string; to?: string };

export function LogFilterForm<T extends Filters>(props: {
  label: string;
  draft: T;
  setDraft: (draft: T) => void;
  onApply: (search: T) => void;
  children: ReactNode;
}) {
  const { draft, setDraft } = props;
  function apply(event: FormEvent) {
    event.preventDefault();
    const clean = Object.fromEntries(
      Object.entries(draft as Record<string, string | undefined>).map(([key, value]) => [
        key,
        value?.trim() ? value.trim() : undefined,
      ]),
    );
    props.onApply(clean as T);
  }
  return (
    <form onSubmit={apply} aria-label={props.label}>
      <Group align="end" gap="sm" wrap="wrap">
        {props.children}
        <TextInput
          label="From (UTC day)"
          type="date"
          value={draft.from ?? ''}
          onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
        />
        <TextInput
          label="To (UTC day)"
          type="date"
          value={draft.to ?? ''}
          onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
        />
        <Button type="submit">Apply</Button>
        <Button
          variant="subtle"
          onClick={() => {
            setDraft({} as T);
            props.onApply({} as T);
          }}
        >
          Clear
        </Button>
      </Group>
    </form>
  );
}

/** Shown while the log has older pages. */
export function LoadOlderEvents(props: {
  events: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown };
}) {
  const { events } = props;
  if (!events.hasNextPage) return null;
  return (
    <Group justify="center">
      <Button variant="default" loading={events.isFetchingNextPage} onClick={() => events.fetchNextPage()}>
        Load older events
      </Button>
    </Group>
  );
}
