// The client's decision behind a one-time link: who decides, approve or reject (with the reason to reject).
// A spent link turns the page into "cannot be used"; other refusals show in the form, which keeps the input.
import { Alert, Button, Grid, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError, isApiError } from '../../api/client.ts';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { decideByLink, type PublicChangeRequest } from './change-requests-api.ts';

type Decision = 'approve' | 'reject';

export interface GivenDecision {
  decision: Decision;
  name: string;
}

export function PublicDecisionForm(props: {
  token: string;
  request: PublicChangeRequest;
  onDone: (given: GivenDecision) => void;
  onSpent: () => void;
}) {
  const { request } = props;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [decision, setDecision] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const decide = useMutation({
    mutationFn: (input: { decision: Decision; name: string; email: string | null; reason?: string }) =>
      decideByLink(props.token, input),
    onSuccess: (_, input) => props.onDone({ decision: input.decision, name: input.name }),
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
    if (!decision) problems.decision = 'Choose whether you approve or reject the change';
    if (decision === 'reject' && !reason.trim()) problems.reason = 'Say why you reject the change';
    if (Object.keys(problems).length > 0 || !decision) return setErrors(problems);
    setRefusal(null);
    decide.mutate({
      decision,
      name: name.trim(),
      email: email.trim() || null,
      ...(decision === 'reject' ? { reason: reason.trim() } : {}),
    });
  }

  const clear = (field: string) => {
    setErrors(({ [field]: _, ...rest }) => rest);
    setRefusal(null);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Your decision">
      <Stack gap="sm">
        <Title order={2} fz="h4">
          Your decision
        </Title>
        {refusal && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            title="Your decision was not recorded"
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
        <Radio.Group
          label={`On behalf of ${request.clientName}, I…`}
          required
          value={decision}
          error={errors.decision}
          onChange={(value) => {
            setDecision(value as Decision);
            clear('decision');
          }}
        >
          <Stack gap="xs" mt={6}>
            <Radio value="approve" label="Approve this change" />
            <Radio value="reject" label="Reject this change" />
          </Stack>
        </Radio.Group>
        {decision === 'reject' && (
          <Textarea
            label="Reason"
            description={`${request.mspName} will see it`}
            required
            autosize
            minRows={3}
            value={reason}
            error={errors.reason}
            onChange={(event) => {
              setReason(event.currentTarget.value);
              clear('reason');
            }}
          />
        )}
        <Button
          type="submit"
          color={decision === 'reject' ? 'red' : undefined}
          loading={decide.isPending}
          // A thumb-sized target on a phone; beside the form's edge on a wider screen.
          w={{ base: '100%', sm: 'auto' }}
          style={{ alignSelf: 'flex-start' }}
        >
          {decision === 'reject'
            ? 'Reject the change'
            : decision === 'approve'
              ? 'Approve the change'
              : 'Send'}
        </Button>
        <Text size="xs" c="dimmed">
          This link can be used once, until {formatDateTime(request.expiresAt, browserTimeZone(), true)}. You
          need no account.
        </Text>
      </Stack>
    </form>
  );
}
