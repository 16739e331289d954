// An engagement's Letter of Agency: the letter in force (with its end date, flagged within 30 days), the
// one on its way (draft or out for signature) with the steps that move it along, and earlier letters.
import { ActionIcon, Anchor, Button, Divider, Group, Menu, Stack, Text } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBan,
  IconClockExclamation,
  IconDots,
  IconDownload,
  IconFilePlus,
  IconPencil,
  IconSend,
  IconUpload,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { loaStatusLabels } from '../../../shared/api/vendor-terms.ts';
import { formatDate, formatDateTime } from '../../ui/format.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { localToday } from '../vendors/renewal.ts';
import type { Engagement } from '../vendors/vendors-api.ts';
import { type LoaDialog, LoaDialogs } from './loa-dialogs.tsx';
import { ReasonModal } from './reason-modal.tsx';
import { LoaStatusBadge } from './terms-badges.tsx';
import { arrangeLetters, expiryNote } from './terms-status.ts';
import {
  draftLoa,
  type Loa,
  loaLetterUrl,
  loaSignedCopyUrl,
  revokeLoa,
  termsKeys,
} from './vendor-terms-api.ts';

export function LoaSection(props: { engagement: Engagement; letters: Loa[]; canManage: boolean }) {
  const { engagement, canManage } = props;
  const queryClient = useQueryClient();
  const { inForce, pending, earlier } = arrangeLetters(props.letters);
  const draft = useMutation({
    mutationFn: () => draftLoa(engagement.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: termsKeys.all });
      notifySuccess('Letter drafted with the standard wording');
    },
    onError: (error) => notifyError(error, 'Could not draft the letter'),
  });
  const canDraft = canManage && !engagement.archived && !pending;
  const draftButton = canDraft && (
    <Button
      size="xs"
      variant={inForce ? 'default' : 'filled'}
      leftSection={<IconFilePlus size={14} />}
      loading={draft.isPending}
      onClick={() => draft.mutate()}
    >
      {inForce ? 'Draft renewal' : 'Draft letter'}
    </Button>
  );
  const headline = inForce ?? pending ?? earlier[0] ?? null;

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="nowrap">
        <Text fw={600} size="sm">
          Letter of Agency
        </Text>
        <LoaStatusBadge status={headline?.status ?? null} />
      </Group>
      {!inForce && !pending && (
        <Stack gap="xs" align="flex-start">
          <Text size="sm" c="dimmed">
            {earlier.length > 0
              ? 'No letter in force.'
              : `No letter yet. It authorizes you to deal with ${engagement.vendorName} for ${engagement.clientName}, and asks the vendor to arrange changes with you first.`}
          </Text>
          {draftButton}
        </Stack>
      )}
      {inForce && (
        <LetterBlock loa={inForce} canManage={canManage}>
          {!pending && draftButton}
        </LetterBlock>
      )}
      {pending && (
        <>
          {inForce && <Divider label="Renewal" labelPosition="left" />}
          <LetterBlock loa={pending} canManage={canManage} />
        </>
      )}
      {earlier.length > 0 && <EarlierLetters letters={earlier} />}
    </Stack>
  );
}

/** One letter's facts and the steps its status allows; `children` are further steps (a renewal). */
function LetterBlock(props: { loa: Loa; canManage: boolean; children?: ReactNode }) {
  const { loa, canManage } = props;
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<LoaDialog | null>(null);
  const [isRevoking, setRevoking] = useState(false);
  const revoke = useMutation({
    mutationFn: (reason: string) => revokeLoa(loa.id, reason),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: termsKeys.all });
      notifySuccess('Letter revoked');
    },
    onError: (error) => notifyError(error, 'Could not revoke the letter'),
  });
  const isPending = loa.status === 'draft' || loa.status === 'sent';

  return (
    <Stack gap={6}>
      {loa.status === 'draft' && (
        <Text size="sm">
          Drafted {formatDateTime(loa.createdAt)}
          {loa.expiresOn && `, proposed to run until ${formatDate(loa.expiresOn)}`}. Download it, send it to{' '}
          {loa.clientName} to sign, then upload the signed copy.
        </Text>
      )}
      {loa.status === 'sent' && (
        <Text size="sm">
          {loa.sentAt ? `Sent ${formatDateTime(loa.sentAt)}` : 'Sent'}
          {loa.sentTo && ` to ${loa.sentTo}`}. Waiting for the signed copy.
        </Text>
      )}
      {(loa.status === 'signed' || loa.status === 'expired') && <SignedFacts loa={loa} />}
      <Group gap="xs">
        {isPending && (
          <Button
            component="a"
            href={loaLetterUrl(loa.id)}
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
          >
            Download letter (PDF)
          </Button>
        )}
        {loa.file && (
          <Button
            component="a"
            href={loaSignedCopyUrl(loa.id)}
            size="xs"
            variant="default"
            leftSection={<IconDownload size={14} />}
          >
            Download signed copy
          </Button>
        )}
        {canManage && isPending && (
          <>
            {loa.status === 'draft' && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconSend size={14} />}
                onClick={() => setDialog('send')}
              >
                Mark as sent
              </Button>
            )}
            <Button size="xs" leftSection={<IconUpload size={14} />} onClick={() => setDialog('signed')}>
              Upload signed copy
            </Button>
          </>
        )}
        {props.children}
        {canManage && (
          <Menu position="bottom-end">
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`More actions for the ${loaStatusLabels[loa.status].toLowerCase()} letter`}
              >
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {isPending && (
                <Menu.Item leftSection={<IconPencil size={15} />} onClick={() => setDialog('edit')}>
                  Edit letter
                </Menu.Item>
              )}
              {loa.status === 'sent' && (
                <Menu.Item leftSection={<IconSend size={15} />} onClick={() => setDialog('send')}>
                  Mark as sent again
                </Menu.Item>
              )}
              <Menu.Item color="red" leftSection={<IconBan size={15} />} onClick={() => setRevoking(true)}>
                Revoke letter
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Group>
      <LoaDialogs loa={loa} dialog={dialog} onClose={() => setDialog(null)} />
      <ReasonModal
        opened={isRevoking}
        onClose={() => setRevoking(false)}
        title="Revoke Letter of Agency?"
        message={
          isPending
            ? 'The letter is withdrawn and cannot be signed. You can draft a new one.'
            : `The letter stops authorizing you at once. Where ${loa.clientName}’s agreement requires a letter, ${loa.vendorName}’s change requests are refused until a new one is signed.`
        }
        confirmLabel="Revoke letter"
        onConfirm={(reason) => revoke.mutateAsync(reason)}
      />
    </Stack>
  );
}

function SignedFacts(props: { loa: Loa }) {
  const { loa } = props;
  const note = loa.expiresOn ? expiryNote(loa.expiresOn, localToday()) : null;
  const signer = [loa.signerName, loa.signerTitle].filter(Boolean).join(', ');
  return (
    <Stack gap={2}>
      <Text size="sm">
        Signed{signer && ` by ${signer}`}
        {loa.signedOn && ` on ${formatDate(loa.signedOn)}`}
      </Text>
      {loa.expiresOn && (
        <Group
          gap={6}
          wrap="nowrap"
          c={note?.state === 'past' ? 'red' : note?.state === 'soon' ? 'orange' : undefined}
        >
          {note?.state === 'past' && <IconAlertTriangle size={14} />}
          {note?.state === 'soon' && <IconClockExclamation size={14} />}
          <Text size="sm" c="inherit" fw={note?.text ? 500 : undefined}>
            {note?.state === 'past' ? 'Ended' : 'In force until'} {formatDate(loa.expiresOn)}
            {note?.text && note.state === 'soon' && ` · ${note.text}`}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

/** Expired, revoked and replaced letters, one line each. */
function EarlierLetters(props: { letters: Loa[] }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        Earlier letters
      </Text>
      {props.letters.map((loa) => (
        <Group key={loa.id} gap="xs" wrap="nowrap" align="flex-start">
          <LoaStatusBadge status={loa.status} size="xs" />
          <Text size="xs" c="dimmed" style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
            {earlierSummary(loa)}
          </Text>
          {loa.file && (
            <Anchor href={loaSignedCopyUrl(loa.id)} size="xs" style={{ flexShrink: 0 }}>
              Signed copy
            </Anchor>
          )}
        </Group>
      ))}
    </Stack>
  );
}

function earlierSummary(loa: Loa): string {
  const signed = loa.signedOn
    ? `Signed ${formatDate(loa.signedOn)}`
    : `Drafted ${formatDate(loa.createdAt.slice(0, 10))}`;
  const end = loa.expiresOn && loa.signedOn ? ` – ${formatDate(loa.expiresOn)}` : '';
  const revoked = loa.revokedAt
    ? `; revoked ${formatDate(loa.revokedAt.slice(0, 10))}${loa.revokedReason ? `: ${loa.revokedReason}` : ''}`
    : '';
  return `${signed}${end}${revoked}`;
}
