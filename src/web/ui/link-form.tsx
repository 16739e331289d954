// The pieces every form behind a one-time link shares: the form's errors and refusal (a spent link turns
// the page into "cannot be used"; other refusals show in the form, which keeps the input), who is
// answering (name, and an address if they like), and the note that the link works once.
import { Alert, Button, Grid, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { ApiError, isApiError } from '../api/client.ts';
import { browserTimeZone, formatDateTime } from './format.ts';

/** Field errors and the refusal of a link form, and what to do with the server's answer. */
export function useLinkFormErrors(onSpent: () => void) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  return {
    errors,
    refusal,
    /** Shows the form's own checks; true when there were none, and the form may be sent. */
    check(problems: Record<string, string>): boolean {
      setErrors(problems);
      setRefusal(null);
      return Object.keys(problems).length === 0;
    },
    /** A field was edited: its error and any refusal go. */
    clear(field: string) {
      setErrors(({ [field]: _, ...rest }) => rest);
      setRefusal(null);
    },
    onError(error: Error) {
      if (isApiError(error, 404)) return onSpent();
      const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
      setErrors(fieldErrors);
      if (Object.keys(fieldErrors).length === 0) setRefusal(error.message);
    },
  };
}

/**
 * A link form answered in someone's name: its errors, and who answers (name required, address optional),
 * with their fields and what the server takes.
 */
export function useSignedLinkForm(onSpent: () => void) {
  const form = useLinkFormErrors(onSpent);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  return {
    ...form,
    signer: { name: name.trim(), email: email.trim() || null },
    /** The form's own problems, a missing name first; add the form's others to it. */
    problems: (): Record<string, string> => (name.trim() ? {} : { name: 'Enter your name' }),
    signerFields: (
      <LinkSignerFields
        name={name}
        email={email}
        errors={form.errors}
        onName={(value) => {
          setName(value);
          form.clear('name');
        }}
        onEmail={(value) => {
          setEmail(value);
          form.clear('email');
        }}
      />
    ),
  };
}

/** The form's heading, and the server's refusal under it. */
export function LinkFormHead(props: { title: string; refusalTitle: string; refusal: string | null }) {
  return (
    <>
      <Title order={2} fz="h4">
        {props.title}
      </Title>
      {props.refusal && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} title={props.refusalTitle}>
          {props.refusal}
        </Alert>
      )}
    </>
  );
}

/** "Your name" and "Email (optional)", side by side where there is room. */
function LinkSignerFields(props: {
  name: string;
  email: string;
  errors: Record<string, string>;
  onName: (name: string) => void;
  onEmail: (email: string) => void;
}) {
  return (
    <Grid gap="sm">
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Your name"
          required
          autoComplete="name"
          value={props.name}
          error={props.errors.name}
          onChange={(event) => props.onName(event.currentTarget.value)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label="Email (optional)"
          type="email"
          autoComplete="email"
          value={props.email}
          error={props.errors.email}
          onChange={(event) => props.onEmail(event.currentTarget.value)}
        />
      </Grid.Col>
    </Grid>
  );
}

/** The form's button and the note under it. */
export function LinkFormSubmit(props: {
  expiresAt: string;
  isPending: boolean;
  color?: string;
  children: ReactNode;
}) {
  return (
    <>
      <Button
        type="submit"
        color={props.color}
        loading={props.isPending}
        // A thumb-sized target on a phone; beside the form's edge on a wider screen.
        w={{ base: '100%', sm: 'auto' }}
        style={{ alignSelf: 'flex-start' }}
      >
        {props.children}
      </Button>
      <Text size="xs" c="dimmed">
        This link can be used once, until {formatDateTime(props.expiresAt, browserTimeZone(), true)}. You need
        no account.
      </Text>
    </>
  );
}
