// Settings → Mail: the organization's SMTP server (the secret is write-only), and a test mail to yourself
// that shows the server's own answer when it fails.
import {
  Alert,
  Button,
  Code,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconMailForward } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { isLoopbackHost } from '../../../shared/api/mail.ts';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { useSession } from '../auth/session.ts';
import {
  deleteMailSettings,
  type MailSettings,
  type MailSettingsInput,
  mailKeys,
  mailSettingsQuery,
  saveMailSettings,
  sendTestMail,
} from './mail-api.ts';
import { OAuthFields, type OAuthForm, oauthFormFrom, oauthSecretFrom } from './oauth-fields.tsx';

type Security = MailSettingsInput['smtpSecurity'];
type Auth = MailSettingsInput['smtpAuth'];

interface Form extends OAuthForm {
  smtpHost: string;
  smtpPort: number | string;
  smtpSecurity: Security;
  smtpAuth: Auth;
  smtpUser: string;
  password: string;
  fromAddress: string;
  fromName: string;
}

const defaultPorts: Record<Security, number> = { tls: 465, starttls: 587, none: 25 };

function formFrom(settings: MailSettings | null): Form {
  return {
    smtpHost: settings?.smtpHost ?? '',
    smtpPort: settings?.smtpPort ?? 587,
    smtpSecurity: settings?.smtpSecurity ?? 'starttls',
    smtpAuth: settings?.smtpAuth ?? 'password',
    smtpUser: settings?.smtpUser ?? '',
    password: '',
    ...oauthFormFrom(settings?.oauth),
    fromAddress: settings?.fromAddress ?? '',
    fromName: settings?.fromName ?? '',
  };
}

/** The request body: the secret only when something was typed into it (omitted keeps the stored one). */
function inputFrom(form: Form): MailSettingsInput {
  const base = {
    smtpHost: form.smtpHost.trim(),
    smtpPort: Number(form.smtpPort),
    smtpSecurity: form.smtpSecurity,
    smtpAuth: form.smtpAuth,
    smtpUser: form.smtpAuth === 'none' ? null : form.smtpUser.trim(),
    fromAddress: form.fromAddress.trim(),
    fromName: form.fromName.trim(),
  };
  if (form.smtpAuth === 'password' && form.password) {
    return { ...base, secret: { kind: 'password', password: form.password } };
  }
  const oauth = form.smtpAuth === 'xoauth2' ? oauthSecretFrom(form) : undefined;
  return oauth ? { ...base, secret: oauth } : base;
}

export function MailSettingsPage() {
  const settings = useQuery(mailSettingsQuery);
  const header = (
    <PageHeader
      title="Mail"
      description="The SMTP server Accord sends ticket and SLA mail through, as your help desk's address."
    />
  );
  if (!settings.isSuccess)
    return (
      <>
        {header}
        <QueryState query={settings} height={420} />
      </>
    );
  return (
    <>
      {header}
      <MailSettingsForm settings={settings.data} key={settings.data?.updatedAt ?? 'new'} />
    </>
  );
}

function MailSettingsForm(props: { settings: MailSettings | null }) {
  const { settings } = props;
  const queryClient = useQueryClient();
  const session = useSession();
  const [form, setForm] = useState<Form>(() => formFrom(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [testResult, setTestResult] = useState<{ ok: boolean; text: string; code?: string } | null>(null);
  const [confirmOff, setConfirmOff] = useState(false);
  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));

  const save = useMutation({
    mutationFn: () => saveMailSettings(inputFrom(form)),
    onSuccess: (saved) => {
      setErrors({});
      queryClient.setQueryData(mailKeys.settings, saved);
      notifySuccess('Mail settings saved');
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not save the mail settings');
    },
  });
  const test = useMutation({
    mutationFn: sendTestMail,
    onMutate: () => setTestResult(null),
    onSuccess: (result) =>
      setTestResult({ ok: true, text: `Sent to ${result.to}. The server answered: ${result.response}` }),
    onError: (error) =>
      setTestResult({
        ok: false,
        text: error.message,
        code: error instanceof ApiError ? error.code : undefined,
      }),
  });
  const turnOff = useMutation({
    mutationFn: deleteMailSettings,
    onSuccess: () => {
      queryClient.setQueryData(mailKeys.settings, { settings: null });
      notifySuccess('Mail is off');
    },
    onError: (error) => notifyError(error, 'Could not turn mail off'),
  });

  const isUnencryptedRemote =
    form.smtpSecurity === 'none' && form.smtpHost.trim() !== '' && !isLoopbackHost(form.smtpHost.trim());
  const storedSecret = settings?.hasSecret && settings.smtpAuth === form.smtpAuth;

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <Stack gap="md" maw={760}>
      {!settings && (
        <Alert color="blue" variant="light" icon={<IconMailForward size={16} />}>
          Mail is off: messages are queued and wait in the outbound log until an SMTP server is set up here.
        </Alert>
      )}
      <Paper withBorder p="md" component="section" aria-label="SMTP server">
        <form onSubmit={submit}>
          <Stack gap="sm">
            <Group grow align="start">
              <TextInput
                label="SMTP host"
                placeholder="smtp.office365.com"
                required
                value={form.smtpHost}
                error={errors.smtpHost}
                onChange={(e) => set({ smtpHost: e.currentTarget.value })}
              />
              <NumberInput
                label="Port"
                required
                min={1}
                max={65535}
                maw={140}
                value={form.smtpPort}
                error={errors.smtpPort}
                onChange={(value) => set({ smtpPort: value })}
              />
            </Group>
            <Stack gap={4}>
              <Text fz="sm" fw={500} id="smtp-security-label">
                Encryption
              </Text>
              <SegmentedControl
                aria-labelledby="smtp-security-label"
                value={form.smtpSecurity}
                onChange={(value) =>
                  set({ smtpSecurity: value as Security, smtpPort: defaultPorts[value as Security] })
                }
                data={[
                  { value: 'starttls', label: 'STARTTLS (587)' },
                  { value: 'tls', label: 'TLS (465)' },
                  { value: 'none', label: 'None (local relay only)' },
                ]}
              />
              {(isUnencryptedRemote || errors.smtpSecurity) && (
                <Text c="red" fz="xs">
                  {errors.smtpSecurity ??
                    'Unencrypted SMTP is allowed only for a relay on this machine (localhost, 127.0.0.1, ::1).'}
                </Text>
              )}
            </Stack>
            <Select
              label="Sign-in"
              data={[
                { value: 'password', label: 'User name and password' },
                { value: 'xoauth2', label: 'OAuth2 (Microsoft 365, Google Workspace)' },
                { value: 'none', label: 'None (relay accepts this server)' },
              ]}
              value={form.smtpAuth}
              allowDeselect={false}
              onChange={(value) => value && set({ smtpAuth: value as Auth })}
            />
            {form.smtpAuth !== 'none' && (
              <TextInput
                label="User name"
                description={form.smtpAuth === 'xoauth2' ? 'The mailbox address to send as' : undefined}
                required
                value={form.smtpUser}
                error={errors.smtpUser}
                onChange={(e) => set({ smtpUser: e.currentTarget.value })}
              />
            )}
            {form.smtpAuth === 'password' && (
              <PasswordInput
                label="Password"
                description={
                  storedSecret
                    ? 'A password is stored. Leave empty to keep it.'
                    : 'Never shown again once saved.'
                }
                placeholder={storedSecret ? '•••••••• (stored)' : ''}
                required={!storedSecret}
                autoComplete="new-password"
                value={form.password}
                error={errors['secret.password'] ?? errors.secret}
                onChange={(e) => set({ password: e.currentTarget.value })}
              />
            )}
            {form.smtpAuth === 'xoauth2' && (
              <OAuthFields
                form={form}
                set={set}
                errors={errors}
                errorPath="secret"
                hasStoredSecret={storedSecret === true}
                scopePlaceholder="https://outlook.office365.com/SMTP.Send offline_access"
                hint={
                  <Text fz="xs" c="dimmed">
                    Accord trades the refresh token for access tokens at the token URL. Secrets are never
                    shown again once saved.
                  </Text>
                }
              />
            )}
            <Group grow align="start">
              <TextInput
                label="From address"
                placeholder="help@yourmsp.example"
                required
                value={form.fromAddress}
                error={errors.fromAddress}
                onChange={(e) => set({ fromAddress: e.currentTarget.value })}
              />
              <TextInput
                label="From name"
                placeholder="Your MSP Help Desk"
                required
                value={form.fromName}
                error={errors.fromName}
                onChange={(e) => set({ fromName: e.currentTarget.value })}
              />
            </Group>
            <Group justify="space-between">
              <Button type="submit" loading={save.isPending}>
                Save mail settings
              </Button>
              {settings && (
                <Button variant="subtle" color="red" onClick={() => setConfirmOff(true)}>
                  Turn mail off
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Paper>

      <Paper withBorder p="md" component="section" aria-label="Test mail">
        <Stack gap="sm">
          <Group justify="space-between">
            <Stack gap={0}>
              <Text fw={500}>Send a test mail</Text>
              <Text fz="sm" c="dimmed">
                To {session.identity.email}, with the saved settings.
              </Text>
            </Stack>
            <Button
              variant="default"
              leftSection={<IconMailForward size={16} />}
              disabled={!settings}
              loading={test.isPending}
              onClick={() => test.mutate()}
            >
              Send test mail
            </Button>
          </Group>
          {testResult && (
            <Alert
              color={testResult.ok ? 'green' : 'red'}
              variant="light"
              icon={testResult.ok ? <IconCircleCheck size={16} /> : <IconAlertTriangle size={16} />}
              title={testResult.ok ? 'Test mail sent' : 'Test mail not sent'}
            >
              <Text fz="sm">
                {testResult.text} {testResult.code && <Code fz="xs">{testResult.code}</Code>}
              </Text>
            </Alert>
          )}
        </Stack>
      </Paper>

      <ConfirmDialog
        opened={confirmOff}
        onClose={() => setConfirmOff(false)}
        title="Turn mail off?"
        message='The SMTP settings and the stored secret are deleted. Messages are still queued; they wait, then fail with "Mail is not set up", and can be retried from the outbound log once mail is back.'
        confirmLabel="Turn mail off"
        onConfirm={() => turnOff.mutateAsync()}
      />
    </Stack>
  );
}
