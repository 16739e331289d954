// A client's addendum to the rules of engagement: rules of its own that every vendor working there
// acknowledges with the MSP's. Publishing a new version (or withdrawing it) asks them to acknowledge again.
import { Alert, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useCan } from '../auth/session.ts';
import { RulesText } from './rules-text.tsx';
import { publishRules, rulesHistoryQuery, termsKeys } from './vendor-terms-api.ts';

export function ClientAddendum(props: { clientId: string; clientName: string }) {
  const can = useCan();
  const canManage = can('vendors.manage');
  const queryClient = useQueryClient();
  const history = useQuery(rulesHistoryQuery(props.clientId));
  const [isEditing, setEditing] = useState(false);
  const [isWithdrawing, setWithdrawing] = useState(false);
  const withdraw = useMutation({
    mutationFn: () => publishRules(props.clientId, ''),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: termsKeys.all });
      notifySuccess('Addendum withdrawn');
    },
    onError: (error) => notifyError(error, 'Could not withdraw the addendum'),
  });
  // An empty latest version is a withdrawal: no addendum is in force.
  const current = history.data?.current?.text ? history.data.current : null;

  return (
    <section aria-label="Addendum to the rules">
      <Group justify="space-between" mb={4}>
        <Title order={2} fz="h4">
          Addendum to the rules of engagement
        </Title>
        {canManage && current && (
          <Group gap="xs">
            <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
              Edit addendum
            </Button>
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => setWithdrawing(true)}
            >
              Withdraw
            </Button>
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        Rules of {props.clientName}’s own, which every vendor working here acknowledges together with yours.
      </Text>
      {!history.data ? (
        <QueryState query={history} height={80} />
      ) : current ? (
        <Stack gap={6}>
          <Text size="xs" c="dimmed">
            Version {current.version}, published {formatDateTime(current.publishedAt)}
            {current.publishedByName && ` by ${current.publishedByName}`}
          </Text>
          <RulesText text={current.text} label="Addendum" maxHeight={320} />
        </Stack>
      ) : (
        <Paper withBorder p="md">
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed">
              No addendum: vendors here acknowledge your rules of engagement as they are.
            </Text>
            {canManage && (
              <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setEditing(true)}>
                Add addendum
              </Button>
            )}
          </Group>
        </Paper>
      )}
      <Modal
        opened={isEditing}
        onClose={() => setEditing(false)}
        title={current ? 'Edit addendum' : 'Add addendum'}
        size="lg"
      >
        {isEditing && (
          <AddendumForm
            clientId={props.clientId}
            clientName={props.clientName}
            text={current?.text ?? ''}
            onClose={() => setEditing(false)}
          />
        )}
      </Modal>
      <ConfirmDialog
        opened={isWithdrawing}
        onClose={() => setWithdrawing(false)}
        title="Withdraw addendum?"
        message={`Vendors at ${props.clientName} then work under your rules alone, and must acknowledge them again before their change requests are accepted.`}
        confirmLabel="Withdraw addendum"
        onConfirm={() => withdraw.mutateAsync()}
      />
    </section>
  );
}

function AddendumForm(props: { clientId: string; clientName: string; text: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(props.text);
  const [error, setError] = useState<string | undefined>();
  const publish = useMutation({
    mutationFn: () => publishRules(props.clientId, text.trim()),
    onSuccess: async (version) => {
      await queryClient.invalidateQueries({ queryKey: termsKeys.all });
      notifySuccess(`Addendum version ${version.version} published`);
      props.onClose();
    },
    onError: (failure) => {
      if (failure instanceof ApiError) setError(failure.fieldErrors.text);
      notifyError(failure, 'Could not publish the addendum');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return setError('Write the addendum, or withdraw it instead');
    if (text.trim() === props.text.trim()) return setError('Nothing has changed');
    publish.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />}>
          Publishing asks every vendor engaged at {props.clientName} to acknowledge the rules again: until
          they do, their change requests here are refused.
        </Alert>
        <Textarea
          label="Addendum"
          description="Rules that apply at this client only, e.g. its own change windows or who must be told before work starts"
          required
          data-autofocus
          autosize
          minRows={8}
          maxRows={20}
          value={text}
          error={error}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setError(undefined);
          }}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={publish.isPending}>
            Publish addendum
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
