// Settings → Rules of engagement: the rules every vendor acknowledges before its change requests are
// accepted — the version in force, publishing a new one (which outdates every acknowledgement), and the
// earlier versions.
import { Alert, Box, Button, Group, Modal, Paper, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconEye, IconGavel } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { SectionCard } from '../../ui/section-card.tsx';
import { useCan } from '../auth/session.ts';
import { RulesText } from './rules-text.tsx';
import {
  publishRules,
  type RulesHistory,
  type RulesVersion,
  rulesHistoryQuery,
  termsKeys,
} from './vendor-terms-api.ts';

export function RulesSettingsPage() {
  const can = useCan();
  const history = useQuery(rulesHistoryQuery(null));

  return (
    <>
      <PageHeader
        title="Rules of engagement"
        description="How vendors work on your clients’ systems. Each vendor acknowledges the version in force (with a client’s addendum, where it has one) before its change requests are accepted."
      />
      <Box maw={860}>
        {!history.data ? (
          <QueryState query={history} height={240} />
        ) : (
          <Stack gap="lg">
            <InForce history={history.data} />
            {can('vendors.manage') && <PublishForm history={history.data} />}
            {history.data.versions.length > 1 && (
              <EarlierVersions versions={history.data.versions.slice(1)} />
            )}
          </Stack>
        )}
      </Box>
    </>
  );
}

function InForce(props: { history: RulesHistory }) {
  const { current } = props.history;
  if (!current) {
    return (
      <EmptyState
        icon={<IconGavel size={24} />}
        title="No rules published yet"
        description="Until you publish rules, vendors are not asked to acknowledge anything and their change requests are not checked against them. Write them below: how vendors arrange changes with you, inside which windows, and who they tell."
      />
    );
  }
  return (
    <SectionCard
      title="In force"
      description={`Version ${current.version}, published ${formatDateTime(current.publishedAt)}${current.publishedByName ? ` by ${current.publishedByName}` : ''}`}
    >
      <RulesText text={current.text} label="Rules in force" />
    </SectionCard>
  );
}

function PublishForm(props: { history: RulesHistory }) {
  const { current } = props.history;
  const queryClient = useQueryClient();
  const [text, setText] = useState(current?.text ?? '');
  const [error, setError] = useState<string | undefined>();
  const [isConfirming, setConfirming] = useState(false);
  const nextVersion = (current?.version ?? 0) + 1;
  const publish = useMutation({
    mutationFn: () => publishRules(null, text.trim()),
    onSuccess: async (version) => {
      await queryClient.invalidateQueries({ queryKey: termsKeys.all });
      notifySuccess(`Version ${version.version} published`);
    },
    onError: (failure) => {
      if (failure instanceof ApiError) setError(failure.fieldErrors.text);
      notifyError(failure, 'Could not publish the rules');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return setError('Write the rules');
    if (current && text.trim() === current.text.trim()) return setError('Nothing has changed');
    setConfirming(true);
  }

  return (
    <SectionCard
      title={current ? 'Publish a new version' : 'Publish the rules'}
      description="The whole text of the version vendors will acknowledge. Earlier versions stay on record."
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />}>
            {current
              ? 'Publishing makes every vendor’s acknowledgement outdated: each must acknowledge the new version before its change requests are accepted again.'
              : 'Once published, every vendor must acknowledge the rules before its change requests are accepted.'}
          </Alert>
          <Textarea
            label="Rules"
            required
            autosize
            minRows={10}
            maxRows={30}
            value={text}
            error={error}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setError(undefined);
            }}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={publish.isPending}>
              Publish version {nextVersion}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={isConfirming}
        onClose={() => setConfirming(false)}
        title={`Publish version ${nextVersion}?`}
        message={
          current
            ? `Every vendor’s acknowledgement of version ${current.version} becomes outdated. Their change requests are refused until they acknowledge version ${nextVersion}.`
            : 'Every vendor’s change requests are refused until it acknowledges these rules.'
        }
        confirmLabel="Publish"
        onConfirm={() => publish.mutateAsync()}
      />
    </SectionCard>
  );
}

function EarlierVersions(props: { versions: RulesVersion[] }) {
  const [viewing, setViewing] = useState<RulesVersion | null>(null);
  return (
    <SectionCard
      title="Earlier versions"
      description="What vendors acknowledged before the version in force."
    >
      <Paper withBorder>
        <Table verticalSpacing="xs" aria-label="Earlier versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Published</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th w={100} aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.versions.map((version) => (
              <Table.Tr key={version.id}>
                <Table.Td className="tabular">v{version.version}</Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(version.publishedAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{version.publishedByName ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    leftSection={<IconEye size={14} />}
                    aria-label={`View version ${version.version}`}
                    onClick={() => setViewing(version)}
                  >
                    View
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title={viewing ? `Rules of engagement, version ${viewing.version}` : ''}
        size="xl"
      >
        {viewing && (
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              Published {formatDateTime(viewing.publishedAt)}
              {viewing.publishedByName && ` by ${viewing.publishedByName}`}
            </Text>
            <RulesText text={viewing.text} label={`Version ${viewing.version}`} />
          </Stack>
        )}
      </Modal>
    </SectionCard>
  );
}
