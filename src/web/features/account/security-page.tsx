// Account → Security: your two-factor sign-in (set up, new recovery codes, turn off) and your password.
import { Badge, Button, Grid, Group, Modal, Skeleton, Stack, Text } from '@mantine/core';
import { IconShieldCheck, IconShieldLock, IconShieldOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime } from '../../ui/format.ts';
import { notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { SectionCard } from '../../ui/section-card.tsx';
import { type MfaStatus, mfaStatusQuery } from '../auth/mfa-api.ts';
import { useSession } from '../auth/session.ts';
import { TotpEnrollment } from '../auth/totp-enrollment.tsx';
import { ChangePasswordForm } from './change-password-form.tsx';
import { NewRecoveryCodesForm, TurnOffMfaForm } from './mfa-dialogs.tsx';

type Dialog = 'setup' | 'codes' | 'off' | null;

export function SecurityPage() {
  return (
    <>
      <PageHeader
        title="Security"
        description="How you sign in to Accord: a second step, and your password."
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <SectionCard
            title="Two-factor sign-in"
            description="After your password, Accord asks for a code from an authenticator app on your phone, so a leaked password alone cannot open your account."
          >
            <TwoFactor />
          </SectionCard>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <SectionCard
            title="Password"
            description="Changing it signs you out everywhere else, in case someone else knows the old one."
          >
            <ChangePasswordForm />
          </SectionCard>
        </Grid.Col>
      </Grid>
    </>
  );
}

function codesLeftColor(left: number): string | undefined {
  if (left === 0) return 'red';
  if (left <= 3) return 'orange';
  return undefined;
}

function Status(props: { status: MfaStatus }) {
  const { status } = props;
  if (!status.totpEnabled) {
    return (
      <Group gap="sm" wrap="nowrap" data-testid="mfa-status">
        <Badge variant="light" color="gray" leftSection={<IconShieldOff size={12} />}>
          Off
        </Badge>
        <Text size="sm">Only your password protects your account.</Text>
      </Group>
    );
  }
  return (
    <Stack gap={4} data-testid="mfa-status">
      <Group gap="sm" wrap="nowrap">
        <Badge variant="light" color="teal" leftSection={<IconShieldCheck size={12} />}>
          On
        </Badge>
        <Text size="sm">
          Authenticator app
          {status.enabledAt && (
            <Text span c="dimmed" size="sm">
              {' '}
              · set up {formatDateTime(status.enabledAt)}
            </Text>
          )}
        </Text>
      </Group>
      <Text size="sm" c={codesLeftColor(status.recoveryCodesLeft)} data-testid="recovery-codes-left">
        {status.recoveryCodesLeft === 1
          ? '1 recovery code left'
          : `${status.recoveryCodesLeft} recovery codes left`}
        {status.recoveryCodesLeft <= 3 && ': make new ones before you run out.'}
      </Text>
    </Stack>
  );
}

function TwoFactor() {
  const session = useSession();
  const status = useQuery(mfaStatusQuery);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  if (status.isPending) return <Skeleton height={88} aria-label="Loading" />;
  if (status.isError) return <Text c="red">{status.error.message}</Text>;
  const { totpEnabled, requiredByOrganization } = status.data;

  return (
    <Stack gap="md">
      <Status status={status.data} />
      {totpEnabled ? (
        <Stack gap={6}>
          <Group gap="xs">
            <Button variant="default" onClick={() => setDialog('codes')}>
              New recovery codes
            </Button>
            <Button
              variant="subtle"
              color="red"
              disabled={requiredByOrganization}
              onClick={() => setDialog('off')}
            >
              Turn off
            </Button>
          </Group>
          {requiredByOrganization && (
            <Text size="xs" c="dimmed">
              You cannot turn it off: {session.membership.tenantName} requires two-factor sign-in for your
              role. If you lose your phone, use a recovery code or ask an administrator to reset it.
            </Text>
          )}
        </Stack>
      ) : (
        <Group>
          <Button leftSection={<IconShieldLock size={16} />} onClick={() => setDialog('setup')}>
            Set up authenticator
          </Button>
        </Group>
      )}

      <Modal
        opened={dialog === 'setup'}
        onClose={close}
        title="Set up two-factor sign-in"
        closeOnClickOutside={false}
        size="md"
      >
        {dialog === 'setup' && (
          <TotpEnrollment
            email={session.identity.email}
            onCancel={close}
            onDone={() => {
              close();
              notifySuccess('Two-factor sign-in is on');
            }}
          />
        )}
      </Modal>
      <Modal
        opened={dialog === 'codes'}
        onClose={close}
        title="New recovery codes"
        closeOnClickOutside={false}
      >
        {dialog === 'codes' && <NewRecoveryCodesForm email={session.identity.email} onClose={close} />}
      </Modal>
      <Modal opened={dialog === 'off'} onClose={close} title="Turn off two-factor sign-in?">
        {dialog === 'off' && <TurnOffMfaForm onClose={close} />}
      </Modal>
    </Stack>
  );
}
