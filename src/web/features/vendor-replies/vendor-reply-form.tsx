// The vendor's reply behind a one-time link: who replies, an address to answer (optional), and the reply.
// A spent link turns the page into "cannot be used"; other refusals show in the form, which keeps the input.
import { Alert, Button, Grid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, isApiError } from '../../api/client.ts';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { type PublicAttribution, sendVendorReply, type VendorReplyInput } from './vendor-replies-api.ts';

export function VendorReplyForm(props: {
  token: string;
  attribution: PublicAttribution;
  /** Called with the name the reply was sent under. */
  onDone: (name: string) => void;
  onSpent: () => void;
}) {
  const { attribution } = props;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (input: VendorReplyInput) => sendVendorReply(props.token, input),
    onSuccess: (_, input) => props.onDone(input.name),
    onError: (error) => {
      if (isApiError(error, 404)) return props.onSpent();
      const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
      setErrors(fieldErrors);
      if (Object.keys(fieldErrors).length === 0) setRefusal(error.message);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'Enter your name';
    if (!text.trim()) problems.text = 'Write your reply';
    if (Object.keys(problems).length > 0) return setErrors(problems);
    setRefusal(null);
    send.mutate({ name: name.trim(), email: email.trim() || null, text: text.trim() });
  }

  const clear = (field: string) => {
    setErrors(({ [field]: _, ...rest }) => rest);
    setRefusal(null);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Your reply">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          Your reply
        </Title>
        {refusal && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="Your reply was not sent"
          >
            {refusal}
          </Alert>
        )}
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label="Your name"
              required
              autoComplete="name"
              value={name}
              error={errors.name}
              onChange={(event) => {
                setName(event.currentTarget.value);
                clear('name');
              }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label="Email (optional)"
              type="email"
              autoComplete="email"
              value={email}
              error={errors.email}
              onChange={(event) => {
                setEmail(event.currentTarget.value);
                clear('email');
              }}
            />
          </Grid.Col>
        </Grid>
        <Textarea
          label="Your reply"
          description={`${attribution.mspName} and ${attribution.clientName} will see it.`}
          required
          autosize
          minRows={4}
          maxLength={10_000}
          value={text}
          error={errors.text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            clear('text');
          }}
        />
        <Button
          type="submit"
          loading={send.isPending}
          // A thumb-sized target on a phone; beside the form's edge on a wider screen.
          w={{ base: '100%', sm: 'auto' }}
          style={{ alignSelf: 'flex-start' }}
        >
          Send reply
        </Button>
        <Text size="xs" c="dimmed">
          This link can be used once, until {formatDateTime(attribution.expiresAt, browserTimeZone(), true)}.
          You need no account.
        </Text>
      </Stack>
    </form>
  );
}
