// OAuth2 (XOAUTH2) sign-in for a mail server, outgoing (SMTP) or incoming (IMAP): the fields, their
// values from what is stored, and the secret to send — only when something was typed into it, since an
// omitted secret keeps the stored one.
import { Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';

export interface OAuthForm {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  tokenUrl: string;
  scope: string;
}

/** The form's values from the stored settings; the secrets themselves are never sent back. */
export function oauthFormFrom(
  oauth: { clientId: string; tokenUrl: string; scope?: string | null } | null | undefined,
): OAuthForm {
  return {
    clientId: oauth?.clientId ?? '',
    clientSecret: '',
    refreshToken: '',
    tokenUrl: oauth?.tokenUrl ?? '',
    scope: oauth?.scope ?? '',
  };
}

/** The xoauth2 secret, or undefined when neither secret was typed (the stored one stays). */
export function oauthSecretFrom(form: OAuthForm) {
  if (!form.clientSecret && !form.refreshToken) return undefined;
  return {
    kind: 'xoauth2' as const,
    clientId: form.clientId.trim(),
    clientSecret: form.clientSecret,
    refreshToken: form.refreshToken,
    tokenUrl: form.tokenUrl.trim(),
    ...(form.scope.trim() ? { scope: form.scope.trim() } : {}),
  };
}

export function OAuthFields(props: {
  form: OAuthForm;
  set: (patch: Partial<OAuthForm>) => void;
  errors: Record<string, string>;
  /** Where the API reports the secret's problems: "secret" or "imap.secret". */
  errorPath: string;
  hasStoredSecret: boolean;
  /** What to fill in for the common providers, shown above the fields. */
  hint: ReactNode;
  scopePlaceholder: string;
}) {
  const { form, set, errors, errorPath, hasStoredSecret } = props;
  const stored = hasStoredSecret ? '•••••••• (stored)' : '';
  const error = (field: string) => errors[`${errorPath}.${field}`];
  return (
    <Stack gap="sm">
      {props.hint}
      {hasStoredSecret && (
        <Text fz="xs" c="dimmed">
          A client secret and refresh token are stored. Leave both blank to keep them; changing the client ID,
          token URL or scope needs both again.
        </Text>
      )}
      <Group grow align="start">
        <TextInput
          label="Client ID"
          required
          value={form.clientId}
          error={error('clientId')}
          onChange={(e) => set({ clientId: e.currentTarget.value })}
        />
        <PasswordInput
          label="Client secret"
          placeholder={stored}
          required={!hasStoredSecret}
          autoComplete="new-password"
          value={form.clientSecret}
          error={error('clientSecret') ?? errors[errorPath]}
          onChange={(e) => set({ clientSecret: e.currentTarget.value })}
        />
      </Group>
      <PasswordInput
        label="Refresh token"
        placeholder={stored}
        required={!hasStoredSecret}
        autoComplete="new-password"
        value={form.refreshToken}
        error={error('refreshToken')}
        onChange={(e) => set({ refreshToken: e.currentTarget.value })}
      />
      <Group grow align="start">
        <TextInput
          label="Token URL"
          placeholder="https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token"
          required
          value={form.tokenUrl}
          error={error('tokenUrl')}
          onChange={(e) => set({ tokenUrl: e.currentTarget.value })}
        />
        <TextInput
          label="Scope (optional)"
          placeholder={props.scopePlaceholder}
          value={form.scope}
          error={error('scope')}
          onChange={(e) => set({ scope: e.currentTarget.value })}
        />
      </Group>
    </Stack>
  );
}
