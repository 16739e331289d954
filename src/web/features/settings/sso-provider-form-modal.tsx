// Add a single sign-on provider, or change one: which kind, where it is, Accord's client there, whose
// email domains sign in through it. The client secret is write-only: left empty on edit, it stays.
import {
  Button,
  Group,
  Modal,
  PasswordInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  entraDirectoryId,
  entraIssuer,
  GOOGLE_ISSUER,
  issuerProblem,
  ssoProviderKinds,
} from '../../../shared/api/sso.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import {
  createSsoProvider,
  kindLabels,
  type SsoProvider,
  type SsoProviderKind,
  ssoKeys,
  updateSsoProvider,
} from './sso-api.ts';

interface FormValues {
  kind: SsoProviderKind;
  name: string;
  /** Entra only: the issuer is built from it. */
  directoryId: string;
  /** Other OpenID Connect providers only. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  emailDomains: string[];
  enabled: boolean;
}

const kindHelp: Record<SsoProviderKind, string> = {
  entra: 'Your Microsoft 365 / Entra ID directory. Only accounts of that one directory can sign in.',
  google: 'Google Workspace accounts of your organization; personal Google accounts are refused.',
  oidc: 'Okta, Auth0, Keycloak, JumpCloud or any provider that speaks OpenID Connect.',
};

/** Pasted lists split too ("a.com, b.com"); lower-case, no repeats. */
function cleanDomains(domains: string[]): string[] {
  const split = domains.flatMap((d) => d.split(/[\s,;]+/)).map((d) => d.trim().toLowerCase());
  return [...new Set(split.filter(Boolean))];
}

function issuerOf(values: FormValues): string {
  if (values.kind === 'google') return GOOGLE_ISSUER;
  return values.kind === 'entra' ? entraIssuer(values.directoryId) : values.issuer.trim();
}

export function SsoProviderFormModal(props: {
  opened: boolean;
  onClose: () => void;
  provider?: SsoProvider;
}) {
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={props.provider ? `Edit ${props.provider.name}` : 'Add single sign-on provider'}
      size="lg"
    >
      {props.opened && <SsoProviderForm {...props} />}
    </Modal>
  );
}

function SsoProviderForm(props: { onClose: () => void; provider?: SsoProvider }) {
  const { provider } = props;
  const queryClient = useQueryClient();
  const [values, setValues] = useState<FormValues>({
    kind: provider?.kind ?? 'entra',
    name: provider?.name ?? kindLabels.entra,
    directoryId: (provider && entraDirectoryId(provider.issuer)) ?? '',
    issuer: provider?.kind === 'oidc' ? provider.issuer : '',
    clientId: provider?.clientId ?? '',
    clientSecret: '',
    emailDomains: provider?.emailDomains ?? [],
    enabled: provider?.enabled ?? true,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: (form: FormValues) => {
      const common = {
        kind: form.kind,
        name: form.name.trim(),
        issuer: issuerOf(form),
        clientId: form.clientId.trim(),
        emailDomains: form.emailDomains,
        enabled: form.enabled,
      };
      if (provider) {
        // An empty secret on edit keeps the stored one.
        return updateSsoProvider(provider.id, {
          ...common,
          ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
        });
      }
      return createSsoProvider({ ...common, clientSecret: form.clientSecret });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ssoKeys.providers });
      notifySuccess(provider ? `${saved.name} saved` : `${saved.name} added`);
      props.onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        const fields = error.fieldErrors;
        // The Entra issuer is built from the directory ID: its problems belong to that field.
        if (fields.issuer && values.kind === 'entra') fields.directoryId = fields.issuer;
        setErrors(fields);
      }
      notifyError(error, 'Could not save the provider');
    },
  });

  function set<K extends keyof FormValues>(key: K, value: FormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  }

  function setKind(kind: SsoProviderKind) {
    setValues((current) => ({
      ...current,
      kind,
      // A name still at the previous kind's default follows the kind.
      name: current.name === kindLabels[current.kind] ? kindLabels[kind] : current.name,
    }));
    setErrors({});
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!values.name.trim()) problems.name = 'Enter a name';
    if (values.kind === 'entra' && !entraDirectoryId(issuerOf(values))) {
      problems.directoryId = 'Enter the directory (tenant) ID, e.g. 72f988bf-86f1-41af-91ab-2d7cd011db47';
    }
    if (values.kind === 'oidc') {
      const problem = issuerProblem('oidc', issuerOf(values));
      if (problem) problems.issuer = problem;
    }
    if (!values.clientId.trim()) problems.clientId = 'Enter the client ID';
    if (!provider && !values.clientSecret) problems.clientSecret = 'Enter the client secret';
    if (values.emailDomains.length === 0) problems.emailDomains = 'Add at least one email domain';
    setErrors(problems);
    if (Object.keys(problems).length === 0) save.mutate(values);
  }

  const domainError =
    errors.emailDomains ?? Object.entries(errors).find(([key]) => key.startsWith('emailDomains.'))?.[1];

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label="Provider"
          allowDeselect={false}
          data={ssoProviderKinds.map((kind) => ({ value: kind, label: kindLabels[kind] }))}
          description={kindHelp[values.kind]}
          value={values.kind}
          onChange={(kind) => kind && setKind(kind as SsoProviderKind)}
        />
        <TextInput
          label="Name"
          description="Shown to your team when they sign in."
          required
          value={values.name}
          error={errors.name}
          onChange={(event) => set('name', event.currentTarget.value)}
        />
        {values.kind === 'entra' && (
          <TextInput
            label="Directory (tenant) ID"
            description="Entra admin center → Identity → Overview → Tenant ID."
            placeholder="00000000-0000-0000-0000-000000000000"
            required
            value={values.directoryId}
            error={errors.directoryId}
            onChange={(event) => set('directoryId', event.currentTarget.value)}
          />
        )}
        {values.kind === 'oidc' && (
          <TextInput
            label="Issuer URL"
            description="The provider's issuer; Accord reads <issuer>/.well-known/openid-configuration."
            placeholder="https://login.example.com"
            required
            value={values.issuer}
            error={errors.issuer}
            onChange={(event) => set('issuer', event.currentTarget.value)}
          />
        )}
        {values.kind === 'google' && (
          <Text size="sm" c="dimmed">
            Issuer: {GOOGLE_ISSUER}
          </Text>
        )}
        <TextInput
          label={values.kind === 'entra' ? 'Application (client) ID' : 'Client ID'}
          required
          value={values.clientId}
          error={errors.clientId}
          onChange={(event) => set('clientId', event.currentTarget.value)}
        />
        <PasswordInput
          label={values.kind === 'entra' ? 'Client secret (value)' : 'Client secret'}
          description={
            provider
              ? 'Stored encrypted and never shown again. Leave empty to keep the current one.'
              : 'Stored encrypted and never shown again.'
          }
          required={!provider}
          autoComplete="new-password"
          value={values.clientSecret}
          error={errors.clientSecret}
          onChange={(event) => set('clientSecret', event.currentTarget.value)}
        />
        <TagsInput
          label="Email domains"
          description="People whose work email is at these domains sign in here. Press Enter after each."
          required
          placeholder="contoso.com"
          value={values.emailDomains}
          error={domainError}
          onChange={(domains) => {
            setValues((current) => ({
              ...current,
              emailDomains: cleanDomains(domains),
            }));
            setErrors(({ emailDomains: _, ...rest }) =>
              Object.fromEntries(Object.entries(rest).filter(([key]) => !key.startsWith('emailDomains.'))),
            );
          }}
          splitChars={[',', ' ']}
          acceptValueOnBlur
        />
        <Switch
          label="Enabled"
          description="When off, nobody signs in through this provider; their passwords still work."
          checked={values.enabled}
          onChange={(event) => set('enabled', event.currentTarget.checked)}
        />
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {provider ? 'Save changes' : 'Add provider'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
