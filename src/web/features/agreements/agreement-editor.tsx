// The agreement form: its sections, saving (the server's 400 details land on the fields they name), and
// deleting, which the server refuses once anything uses the agreement (then it is ended instead).
import { Alert, Anchor, Badge, Button, Grid, Group, Menu, Stack, Textarea } from '@mantine/core';
import {
  IconArrowLeft,
  IconDeviceFloppy,
  IconDots,
  IconInfoCircle,
  IconStarFilled,
  IconTrash,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { SectionCard } from '../../ui/section-card.tsx';
import { useCan } from '../auth/session.ts';
import { clientQuery } from '../clients/clients-api.ts';
import { SLA_STATEMENTS_ANCHOR } from '../sla-statements/agreement-sla-statements.tsx';
import { slaStatementKeys } from '../sla-statements/sla-statements-api.ts';
import { AgreementStatusBadge, AgreementTypeBadge } from './agreement-display.tsx';
import {
  apiPathOf,
  type FormErrors,
  type FormValues,
  initialValues,
  type SectionProps,
  toBody,
} from './agreement-form.ts';
import {
  type Agreement,
  agreementKeys,
  createAgreement,
  deleteAgreement,
  updateAgreement,
} from './agreements-api.ts';
import { BasicsSection } from './basics-section.tsx';
import { CoverageSection } from './coverage-section.tsx';
import { RatesSection } from './rates-section.tsx';
import { RecurringLinesSection } from './recurring-lines-section.tsx';
import { ServiceCreditsSection } from './service-credits-section.tsx';
import { ClausesSection, MinimumsSection } from './terms-sections.tsx';
import { TypeTermsSection } from './type-terms-section.tsx';

export function AgreementEditor(props: { agreement?: Agreement; initialClientId?: string }) {
  const { agreement } = props;
  const isNew = !agreement;
  const can = useCan();
  const readOnly = !can('billing.manage');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const formRef = useRef<HTMLFormElement>(null);
  const [initial] = useState(() => initialValues(agreement, { clientId: props.initialClientId ?? null }));
  const [values, setValues] = useState<FormValues>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  /** Bumped when a save is refused, to bring the first field in error into view. */
  const [refusals, setRefusals] = useState(0);
  const [isConfirmingDelete, setConfirmingDelete] = useState(false);
  const [inUse, setInUse] = useState<string | null>(null);
  const client = useQuery({
    ...clientQuery(values.clientId ?? ''),
    enabled: isNew && values.clientId !== null,
  });
  // Amounts are in the client's currency; before a client is chosen there is none yet to show.
  const currency = agreement?.currency ?? client.data?.currency ?? 'USD';
  const isDirty = JSON.stringify(values) !== JSON.stringify(initial);

  useEffect(() => {
    if (refusals === 0) return;
    const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    field?.focus({ preventScroll: true });
  }, [refusals]);

  const set: SectionProps['set'] = (key, value, alsoClear = []) => {
    setValues((current) => ({ ...current, [key]: value }));
    const cleared = new Set([key, apiPathOf[key] ?? key, ...alsoClear]);
    setErrors((current) =>
      Object.fromEntries(Object.entries(current).filter(([path]) => !cleared.has(path))),
    );
  };

  const save = useMutation({
    mutationFn: (body: ReturnType<typeof toBody>['body']) =>
      agreement
        ? updateAgreement(agreement.id, body)
        : createAgreement({ ...body, clientId: values.clientId ?? '', type: values.type }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(agreementKeys.detail(saved.id), saved);
      await queryClient.invalidateQueries({ queryKey: agreementKeys.all });
      // Its SLA policy and penalty schedule shape the statements (their credits, which policy counts).
      await queryClient.invalidateQueries({ queryKey: slaStatementKeys.agreement(saved.id) });
      if (agreement) {
        notifySuccess(`${saved.name} saved`);
      } else {
        notifySuccess(`${saved.name} added for ${saved.clientName}`);
        await navigate({ to: '/agreements/$agreementId', params: { agreementId: saved.id }, replace: true });
      }
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        setErrors(error.fieldErrors);
        setRefusals((count) => count + 1);
      }
      notifyError(error, 'Could not save the agreement');
    },
  });

  const remove = useMutation({
    mutationFn: () => deleteAgreement(agreement?.id ?? ''),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: agreementKeys.all });
      notifySuccess(`${agreement?.name} deleted`);
      await navigate({ to: '/agreements' });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'agreement.in_use') {
        setInUse(error.message);
        setConfirmingDelete(false);
      }
      notifyError(error, 'Could not delete the agreement');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const { body, problems } = toBody(values, currency);
    if (isNew && !values.clientId) problems.clientId = 'Choose the client';
    setErrors(problems);
    if (Object.keys(problems).length > 0) {
      setRefusals((count) => count + 1);
      return;
    }
    save.mutate(body);
  }

  function endInstead() {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    set('endsOn', `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`);
    setInUse(null);
    formRef.current?.querySelector<HTMLElement>('[data-path="endsOn"]')?.focus();
  }

  const sectionProps: SectionProps = { values, errors, set, currency, readOnly };
  const saveButton = !readOnly && (
    <Button
      type="submit"
      loading={save.isPending}
      disabled={!isDirty}
      leftSection={<IconDeviceFloppy size={16} />}
    >
      {isNew ? 'Add agreement' : 'Save changes'}
    </Button>
  );

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <PageHeader
        eyebrow={
          <AnchorLink to="/agreements" size="sm" c="dimmed">
            <Group gap={4} wrap="nowrap">
              <IconArrowLeft size={14} /> Agreements
            </Group>
          </AnchorLink>
        }
        title={agreement ? agreement.name : 'New agreement'}
        badges={
          agreement && (
            <>
              <AgreementTypeBadge type={agreement.type} />
              <AgreementStatusBadge status={agreement.status} />
              {agreement.isClientDefault && (
                <Badge variant="outline" color="yellow" leftSection={<IconStarFilled size={10} />}>
                  Default
                </Badge>
              )}
            </>
          )
        }
        description={
          agreement ? (
            <>
              <AnchorLink
                to="/clients/$clientId"
                params={{ clientId: agreement.clientId }}
                search={{ tab: 'agreements' }}
                size="sm"
              >
                {agreement.clientName}
              </AnchorLink>
              {` · amounts in ${agreement.currency}`}
              {can('tickets.read') && (
                <>
                  {' · '}
                  <Anchor href={`#${SLA_STATEMENTS_ANCHOR}`} size="sm">
                    SLA statements
                  </Anchor>
                </>
              )}
            </>
          ) : values.clientId && client.data ? (
            `For ${client.data.name} · amounts in ${currency}`
          ) : (
            'Choose the client first: amounts are in its currency.'
          )
        }
        actions={
          <>
            {saveButton}
            {agreement && !readOnly && (
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="default" px={8} aria-label="More actions">
                    <IconDots size={16} />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item
                    color="red"
                    leftSection={<IconTrash size={15} />}
                    onClick={() => setConfirmingDelete(true)}
                  >
                    Delete agreement
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            )}
          </>
        }
      />
      {readOnly && (
        <Alert color="gray" icon={<IconInfoCircle size={16} />} mb="md">
          You can read this agreement; changing agreements needs the billing, admin or owner role.
        </Alert>
      )}
      {inUse && (
        <Alert
          color="orange"
          icon={<IconInfoCircle size={16} />}
          title="This agreement is in use, so it cannot be deleted"
          withCloseButton
          onClose={() => setInUse(null)}
          mb="md"
        >
          <Stack gap="xs" align="flex-start">
            {inUse} Ending it keeps the tickets and time that used it billed correctly.
            <Button size="xs" variant="light" color="orange" onClick={endInstead}>
              End it today instead
            </Button>
          </Stack>
        </Alert>
      )}
      <Stack gap="md">
        <BasicsSection {...sectionProps} isNew={isNew} />
        <TypeTermsSection {...sectionProps} />
        <RecurringLinesSection {...sectionProps} />
        <RatesSection {...sectionProps} />
        <CoverageSection {...sectionProps} agreementId={agreement?.id} />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <MinimumsSection {...sectionProps} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <ClausesSection {...sectionProps} />
          </Grid.Col>
        </Grid>
        <ServiceCreditsSection {...sectionProps} />
        <SectionCard title="Notes" description="For your team: anything the fields above do not say.">
          <Textarea
            readOnly={readOnly}
            aria-label="Notes"
            autosize
            minRows={3}
            maxRows={12}
            maxLength={20_000}
            value={values.notes}
            error={errors.notes}
            onChange={(event) => set('notes', event.currentTarget.value)}
          />
        </SectionCard>
        {saveButton && <Group justify="flex-end">{saveButton}</Group>}
      </Stack>
      <ConfirmDialog
        opened={isConfirmingDelete}
        onClose={() => setConfirmingDelete(false)}
        title="Delete agreement?"
        message={`${agreement?.name ?? 'This agreement'} will be gone for good. Only an agreement nothing uses yet can be deleted: once tickets or time use it, or another agreement falls back to it, end it by setting an end date instead.`}
        confirmLabel="Delete"
        onConfirm={() => remove.mutateAsync()}
      />
    </form>
  );
}
