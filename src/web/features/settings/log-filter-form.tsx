// The filter bar of the audit log and the security events: the page's own fields, a UTC day range,
// Apply (the trimmed draft goes into the URL) and Clear.
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
