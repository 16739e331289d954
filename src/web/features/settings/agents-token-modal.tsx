// A new enrollment token for a client's machines (and optionally one site), then the token and its install
// command, shown once: only the token's hash is stored, so closing the dialog is the last chance to copy it.
import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { CopyField } from '../../ui/copy-field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { notifyError } from '../../ui/notify.tsx';
import { clientOptionsQuery, sitesQuery } from '../clients/clients-api.ts';
import { agentKeys, type CreatedEnrollmentToken, createEnrollmentToken } from './agents-api.ts';

export function EnrollmentTokenModal(props: {
  opened: boolean;
  onClose: () => void;
  /** Preselects the client (from a client's Assets tab). */
  clientId?: string;
}) {
  const [created, setCreated] = useState<CreatedEnrollmentToken | null>(null);
  const close = () => {
    setCreated(null);
    props.onClose();
  };
  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={created ? 'Enrollment token created' : 'New enrollment token'}
      size="lg"
      // The token is shown once: a stray click outside must not throw it away.
      closeOnClickOutside={!created}
    >
      {props.opened &&
        (created ? (
          <CreatedToken token={created} onClose={close} />
        ) : (
          <TokenForm clientId={props.clientId} onCancel={close} onCreated={setCreated} />
        ))}
    </Modal>
  );
}

interface Values {
  clientId: string | null;
  siteId: string | null;
  expiresInHours: number | string;
  maxUses: number | string;
}

function TokenForm(props: {
  clientId?: string;
  onCancel: () => void;
  onCreated: (token: CreatedEnrollmentToken) => void;
}) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Values>({
    clientId: props.clientId ?? null,
    siteId: null,
    expiresInHours: 72,
    maxUses: 1,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const clients = useQuery(clientOptionsQuery({ archived: 'false', limit: 500 }));
  const sites = useQuery({ ...sitesQuery(values.clientId ?? ''), enabled: Boolean(values.clientId) });

  const create = useMutation({
    mutationFn: createEnrollmentToken,
    onSuccess: async (token) => {
      await queryClient.invalidateQueries({ queryKey: agentKeys.tokens });
      props.onCreated(token);
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not create the token');
    },
  });

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const hours = Number(values.expiresInHours);
    const uses = Number(values.maxUses);
    const problems: Record<string, string> = {};
    if (!values.clientId) problems.clientId = 'Choose the client whose machines will enroll';
    if (!Number.isInteger(hours) || hours < 1 || hours > 720)
      problems.expiresInHours = 'Between 1 and 720 hours';
    if (!Number.isInteger(uses) || uses < 1 || uses > 1000) problems.maxUses = 'Between 1 and 1000';
    if (Object.keys(problems).length > 0 || !values.clientId) return setErrors(problems);
    create.mutate({
      clientId: values.clientId,
      ...(values.siteId ? { siteId: values.siteId } : {}),
      expiresInHours: hours,
      maxUses: uses,
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          A machine that runs the install command with this token becomes an asset of the client, and its
          agent starts reporting.
        </Text>
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label="Client"
            required
            searchable
            placeholder="Choose a client"
            data={clients.data ?? []}
            value={values.clientId}
            error={errors.clientId}
            onChange={(clientId) => {
              set('clientId', clientId);
              set('siteId', null);
            }}
          />
          <Select
            label="Site"
            placeholder={values.clientId ? 'No particular site' : 'Choose a client first'}
            clearable
            disabled={!values.clientId}
            data={(sites.data ?? []).map((site) => ({ value: site.id, label: site.name }))}
            value={values.siteId}
            error={errors.siteId}
            onChange={(siteId) => set('siteId', siteId)}
          />
          <NumberInput
            label="Expires in (hours)"
            description="Up to 720 (30 days)"
            min={1}
            max={720}
            allowDecimal={false}
            value={values.expiresInHours}
            error={errors.expiresInHours}
            onChange={(value) => set('expiresInHours', value)}
          />
          <NumberInput
            label="Maximum uses"
            description="How many machines may enroll with it"
            min={1}
            max={1000}
            allowDecimal={false}
            value={values.maxUses}
            error={errors.maxUses}
            onChange={(value) => set('maxUses', value)}
          />
        </SimpleGrid>
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CreatedToken(props: { token: CreatedEnrollmentToken; onClose: () => void }) {
  const { token } = props;
  return (
    <Stack gap="sm">
      <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} title="Copy it now">
        You will not see this token again: Accord keeps only a fingerprint of it. If it is lost, revoke it and
        create another.
      </Alert>
      <Text size="sm">
        Run this on the machine to enroll it with{' '}
        <Text span fw={600}>
          {token.clientName}
          {token.siteName && ` · ${token.siteName}`}
        </Text>
        . It works {token.maxUses === 1 ? 'once' : `for ${token.maxUses} machines`}, until{' '}
        {formatDateTime(token.expiresAt)}.
      </Text>
      <CopyField label="Install command" value={token.installCommand} />
      <CopyField label="Token" value={token.token} />
      <Group justify="flex-end" mt="xs">
        <Button onClick={props.onClose}>I have copied it</Button>
      </Group>
    </Stack>
  );
}
