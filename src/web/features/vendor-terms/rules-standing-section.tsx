// An engagement's standing with the rules of engagement: what is in force, who acknowledged what and
// how; staff record an acknowledgement given by mail or phone, or make a one-time link for the vendor.
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { IconLink, IconSignature } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { Acknowledgement } from '../../../shared/api/vendor-terms.ts';
import { ApiError } from '../../api/client.ts';
import { LinkShownOnceModal } from '../../ui/link-shown-once.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { RelativeTime } from '../../ui/relative-time.tsx';
import type { Engagement } from '../vendors/vendors-api.ts';
import { StandingBadge } from './terms-badges.tsx';
import { versionsInForce } from './terms-status.ts';
import {
  createAcknowledgementLink,
  type EngagementRules,
  engagementRulesQuery,
  recordAcknowledgement,
  termsKeys,
} from './vendor-terms-api.ts';

const acknowledgedVia: Record<Acknowledgement['via'], string> = {
  staff: 'Recorded by staff',
  link: 'Through a link',
  portal: 'In the vendor portal',
};

export function RulesStandingSection(props: { engagement: Engagement; canManage: boolean }) {
  const { engagement, canManage } = props;
  const standing = useQuery(engagementRulesQuery(engagement.id));
  const queryClient = useQueryClient();
  const [isRecording, setRecording] = useState(false);
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const createLink = useMutation({
    mutationFn: () => createAcknowledgementLink(engagement.id),
    onSuccess: setLink,
    onError: (error) => notifyError(error, 'Could not create the link'),
  });

  if (!standing.data) return <QueryState query={standing} height={96} />;
  const rules = standing.data;
  const last = rules.acknowledgements[0];
  const hasRules = rules.status !== 'none';

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm">
          Rules of engagement
        </Text>
        <StandingBadge rules={rules} />
      </Group>
      {hasRules ? (
        <Text size="sm">
          {versionsInForce(rules)} in force.{' '}
          {rules.status === 'outdated' && 'The last acknowledgement covers an earlier version. '}
          {rules.status !== 'acknowledged' &&
            `${engagement.vendorName}’s change requests here are refused until it acknowledges them.`}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          No rules of engagement are published, so there is nothing to acknowledge. Publish them in{' '}
          <AnchorLink to="/settings/engagement-rules" size="sm">
            Settings → Rules of engagement
          </AnchorLink>
          .
        </Text>
      )}
      {last && <LastAcknowledgement rules={rules} />}
      {canManage && hasRules && (
        <Group gap="xs">
          <Button
            size="xs"
            variant="default"
            leftSection={<IconSignature size={14} />}
            onClick={() => setRecording(true)}
          >
            Record acknowledgement
          </Button>
          {!engagement.archived && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconLink size={14} />}
              loading={createLink.isPending}
              onClick={() => createLink.mutate()}
            >
              Send link
            </Button>
          )}
        </Group>
      )}
      <Modal opened={isRecording} onClose={() => setRecording(false)} title="Record acknowledgement">
        {isRecording && (
          <AcknowledgementForm
            engagement={engagement}
            rules={rules}
            onClose={() => setRecording(false)}
            onSaved={() => queryClient.invalidateQueries({ queryKey: termsKeys.all })}
          />
        )}
      </Modal>
      <LinkShownOnceModal
        link={link}
        title="Link for the vendor"
        label="Acknowledgement link"
        onClose={() => setLink(null)}
      >
        {(expires) =>
          `Send it to ${engagement.vendorName}. Whoever opens it can read the rules in force at ` +
          `${engagement.clientName} and acknowledge them once, without an account, until ${expires}.`
        }
      </LinkShownOnceModal>
    </Stack>
  );
}

function LastAcknowledgement(props: { rules: EngagementRules }) {
  const [last, ...older] = props.rules.acknowledgements;
  if (!last) return null;
  const versions = `v${last.rulesVersion}${last.addendumVersion === null ? '' : ` + addendum v${last.addendumVersion}`}`;
  return (
    <Stack gap={2}>
      <Text size="sm">
        Last acknowledged by{' '}
        <Text span fw={500}>
          {last.name}
        </Text>
        {last.email && ` (${last.email})`}
      </Text>
      <Text size="xs" c="dimmed">
        {acknowledgedVia[last.via]}, <RelativeTime value={last.acknowledgedAt} size="xs" />
        {' · '}covered {versions}
        {last.isCurrent ? ' (in force)' : ' (no longer in force)'}
        {older.length > 0 &&
          ` · ${older.length} earlier ${older.length === 1 ? 'acknowledgement' : 'acknowledgements'}`}
      </Text>
    </Stack>
  );
}

function AcknowledgementForm(props: {
  engagement: Engagement;
  rules: EngagementRules;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
}) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () =>
      recordAcknowledgement(props.engagement.id, { name: name.trim(), email: email.trim() || null }),
    onSuccess: async () => {
      await props.onSaved();
      notifySuccess('Acknowledgement recorded');
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not record the acknowledgement');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setErrors({ name: 'Who acknowledged them for the vendor' });
    save.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Record that {props.engagement.vendorName} acknowledged {versionsInForce(props.rules)} for{' '}
          {props.engagement.clientName}, e.g. by mail or on the phone.
        </Text>
        <TextInput
          label="Name"
          description="The vendor’s person who acknowledged them"
          required
          data-autofocus
          value={name}
          error={errors.name}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setErrors(({ name: _, ...rest }) => rest);
          }}
        />
        <TextInput
          label="Email"
          type="email"
          value={email}
          error={errors.email}
          onChange={(event) => {
            setEmail(event.currentTarget.value);
            setErrors(({ email: _, ...rest }) => rest);
          }}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Record acknowledgement
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
