// Add a mailbox Accord receives at, or change one: an IMAP mailbox it reads (password or OAuth2 sign-in,
// the folder, where read mail goes) or an address its own SMTP listener accepts; where new tickets land.
// Secrets are write-only: left empty on edit, the stored one stays.
import {
  Button,
  Code,
  Group,
  Input,
  Modal,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { MailboxKind } from '../../../shared/api/inbound-mail.ts';
import { isLoopbackHost } from '../../../shared/api/mail.ts';
import { type Priority, priorities } from '../../../shared/api/sla-policies.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import {
  createMailbox,
  inboundKeys,
  type Mailbox,
  type MailboxInput,
  updateMailbox,
} from '../inbound-mail/inbound-mail-api.ts';
import { priorityLabels } from '../tickets/ticket-labels.ts';
import { boardsQuery } from '../tickets/tickets-api.ts';
import {
  type Auth,
  checkForm,
  defaultPorts,
  type MailboxForm as Form,
  formFrom,
  inputFrom,
  type Security,
} from './mailbox-form.ts';
import { OAuthFields } from './oauth-fields.tsx';

export function MailboxFormModal(props: { opened: boolean; onClose: () => void; mailbox?: Mailbox }) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.mailbox ? `Edit ${props.mailbox.name}` : 'Add mailbox'}
      size="lg"
    >
      {props.opened && <MailboxForm onClose={props.onClose} mailbox={props.mailbox} />}
    </Modal>
  );
}

function MailboxForm(props: { onClose: () => void; mailbox?: Mailbox }) {
  const { mailbox } = props;
  const queryClient = useQueryClient();
  const boards = useQuery(boardsQuery);
  const [form, setForm] = useState<Form>(() => formFrom(mailbox));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const formRef = useRef<HTMLFormElement>(null);

  // A long form: bring the first field with a problem into view (the address may be far above the button).
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.scrollIntoView({ block: 'center' });
    field?.focus({ preventScroll: true });
  }, [errors]);

  // Errors stay until the next save, so a server's message is still there while the field is fixed.
  const set = (patch: Partial<Form>) => setForm((current) => ({ ...current, ...patch }));

  const save = useMutation({
    mutationFn: (input: MailboxInput) => (mailbox ? updateMailbox(mailbox.id, input) : createMailbox(input)),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: inboundKeys.mailboxes });
      notifySuccess(mailbox ? `${saved.name} saved` : `${saved.name} added`);
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        if (error.code === 'mailbox.address_taken') setErrors({ address: error.message });
        else setErrors(error.fieldErrors);
      }
      notifyError(error, 'Could not save the mailbox');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = checkForm(form, mailbox);
    setErrors(problems);
    if (Object.keys(problems).length === 0) save.mutate(inputFrom(form));
  }

  const hasStoredSecret = Boolean(mailbox?.imap?.hasSecret && mailbox.imap.auth === form.auth);
  const isUnencryptedRemote =
    form.security === 'none' && form.host.trim() !== '' && !isLoopbackHost(form.host.trim());
  const stored = hasStoredSecret ? '•••••••• (stored)' : '';
  const imapError = errors.imap;

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group grow align="start">
          <TextInput
            label="Name"
            placeholder="Help desk"
            required
            value={form.name}
            error={errors.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
          />
          <TextInput
            label="Address clients write to"
            placeholder="help@yourmsp.example"
            required
            value={form.address}
            error={errors.address}
            onChange={(e) => set({ address: e.currentTarget.value })}
          />
        </Group>
        <Input.Wrapper
          id="mailbox-kind"
          label="How mail arrives"
          description={
            form.kind === 'imap'
              ? 'Accord signs in to the mailbox and reads new mail every minute.'
              : "Mail for the address is delivered straight to this Accord server's SMTP listener (MX record or a forwarding rule)."
          }
          error={imapError}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
        >
          <SegmentedControl
            id="mailbox-kind"
            fullWidth
            mt={4}
            value={form.kind}
            onChange={(kind) => set({ kind: kind as MailboxKind })}
            data={[
              { value: 'imap', label: 'IMAP mailbox' },
              { value: 'smtp', label: "Accord's SMTP listener" },
            ]}
          />
        </Input.Wrapper>

        {form.kind === 'imap' && (
          <Stack gap="sm">
            <Group grow align="start">
              <TextInput
                label="IMAP host"
                placeholder="outlook.office365.com"
                required
                value={form.host}
                error={errors['imap.host']}
                onChange={(e) => set({ host: e.currentTarget.value })}
              />
              <NumberInput
                label="Port"
                required
                min={1}
                max={65535}
                maw={120}
                value={form.port}
                error={errors['imap.port']}
                onChange={(port) => set({ port })}
              />
            </Group>
            <Input.Wrapper
              id="imap-security"
              label="Encryption"
              error={
                errors['imap.security'] ??
                (isUnencryptedRemote
                  ? 'Unencrypted IMAP is allowed only for a server on this machine (localhost, 127.0.0.1, ::1).'
                  : undefined)
              }
            >
              <SegmentedControl
                id="imap-security"
                fullWidth
                mt={4}
                value={form.security}
                onChange={(value) =>
                  set({ security: value as Security, port: defaultPorts[value as Security] })
                }
                data={[
                  { value: 'tls', label: 'TLS (993)' },
                  { value: 'starttls', label: 'STARTTLS (143)' },
                  { value: 'none', label: 'None (this machine only)' },
                ]}
              />
            </Input.Wrapper>
            <Group grow align="start">
              <TextInput
                label="User name"
                description="Usually the mailbox address"
                required
                value={form.user}
                error={errors['imap.user']}
                onChange={(e) => set({ user: e.currentTarget.value })}
              />
              <Select
                label="Sign-in method"
                description="OAuth2 for Microsoft 365 and Google"
                allowDeselect={false}
                data={[
                  { value: 'password', label: 'Password' },
                  { value: 'xoauth2', label: 'OAuth2' },
                ]}
                value={form.auth}
                onChange={(value) => value && set({ auth: value as Auth })}
              />
            </Group>
            {form.auth === 'password' ? (
              <PasswordInput
                label="Password"
                description={
                  hasStoredSecret
                    ? 'A password is stored. Leave blank to keep it.'
                    : 'An app password where the provider offers one. Never shown again once saved.'
                }
                placeholder={stored}
                required={!hasStoredSecret}
                autoComplete="new-password"
                value={form.password}
                error={errors['imap.secret.password'] ?? errors['imap.secret']}
                onChange={(e) => set({ password: e.currentTarget.value })}
              />
            ) : (
              <OAuthFields
                form={form}
                set={set}
                errors={errors}
                errorPath="imap.secret"
                hasStoredSecret={hasStoredSecret}
                scopePlaceholder="https://mail.google.com/"
                hint={
                  <Stack gap={2}>
                    <Text fz="xs" c="dimmed">
                      <b>Microsoft 365</b>: token URL{' '}
                      <Code fz="xs">https://login.microsoftonline.com/&lt;tenant&gt;/oauth2/v2.0/token</Code>,
                      scope{' '}
                      <Code fz="xs">https://outlook.office365.com/IMAP.AccessAsUser.All offline_access</Code>
                    </Text>
                    <Text fz="xs" c="dimmed">
                      <b>Google</b>: token URL <Code fz="xs">https://oauth2.googleapis.com/token</Code>, scope{' '}
                      <Code fz="xs">https://mail.google.com/</Code>
                    </Text>
                  </Stack>
                }
              />
            )}
            <Group grow align="start">
              <TextInput
                label="Folder"
                description="Where new mail is read from"
                value={form.folder}
                error={errors['imap.folder']}
                onChange={(e) => set({ folder: e.currentTarget.value })}
              />
              <TextInput
                label="Move read mail to (optional)"
                description="Empty: left in the folder, marked read"
                placeholder="Accord/Processed"
                value={form.processedFolder}
                error={errors['imap.processedFolder']}
                onChange={(e) => set({ processedFolder: e.currentTarget.value })}
              />
            </Group>
          </Stack>
        )}

        <Group grow align="start">
          <Select
            label="Board for new tickets"
            placeholder="The first board"
            clearable
            data={(boards.data ?? []).map((board) => ({ value: board.id, label: board.name }))}
            value={form.boardId}
            error={errors.boardId}
            onChange={(boardId) => set({ boardId })}
          />
          <Select
            label="Default priority"
            allowDeselect={false}
            data={priorities.map((p) => ({ value: p, label: `${p} · ${priorityLabels[p]}` }))}
            value={form.defaultPriority}
            error={errors.defaultPriority}
            onChange={(value) => value && set({ defaultPriority: value as Priority })}
          />
        </Group>
        <Switch
          label="Enabled"
          description="When off, Accord does not read this mailbox (or refuses mail for it at the listener)."
          checked={form.isEnabled}
          onChange={(e) => set({ isEnabled: e.currentTarget.checked })}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {mailbox ? 'Save mailbox' : 'Add mailbox'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
