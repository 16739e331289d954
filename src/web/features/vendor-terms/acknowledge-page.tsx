// What a vendor sees behind a one-time link, without signing in: who asks, for which client and product,
// the rules in force (with the client's addendum), and a form to acknowledge them on the vendor's behalf.
import { Checkbox, Grid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { LinkFormHead, LinkFormSubmit, useSignedLinkForm } from '../../ui/link-form.tsx';
import { LinkCannotBeUsed, LinkPageFact, LinkPageLoading } from '../../ui/link-page-states.tsx';
import { PublicFrame } from '../../ui/public-frame.tsx';
import { RulesAndAddendum } from './rules-text.tsx';
import { acknowledgeByLink, type PublicRules, publicRulesQuery } from './vendor-terms-api.ts';

const route = getRouteApi('/acknowledge/$token');
const WIDTH = 760;

export function AcknowledgePage() {
  const { token } = route.useParams();
  const rules = useQuery(publicRulesQuery(token));
  const [acknowledgedBy, setAcknowledgedBy] = useState<string | null>(null);
  const [isSpent, setSpent] = useState(false);

  if (rules.isError || isSpent)
    return <LinkCannotBeUsed error={isSpent ? null : rules.error} width={WIDTH} />;
  if (!rules.data) return <LinkPageLoading title="Rules of engagement" width={WIDTH} />;
  const data = rules.data;

  if (acknowledgedBy) {
    return (
      <PublicFrame title="Thank you" width={WIDTH}>
        <Stack gap="sm" align="flex-start">
          <ThemeIcon size={44} radius="xl" variant="light" color="teal">
            <IconCircleCheck size={26} />
          </ThemeIcon>
          <Text>
            {data.mspName} has your acknowledgement, {acknowledgedBy}: {data.vendorName} acknowledged the
            rules of engagement (version {data.rules.version}
            {data.addendum && ` with ${data.clientName}’s addendum, version ${data.addendum.version}`}) for
            its work on {data.product} at {data.clientName}.
          </Text>
          <Text size="sm" c="dimmed">
            You can close this page. The link has been used and no longer opens.
          </Text>
        </Stack>
      </PublicFrame>
    );
  }

  return (
    <PublicFrame
      title="Rules of engagement"
      description={`${data.mspName} asks ${data.vendorName} to read and acknowledge the rules for working on ${data.clientName}’s systems.`}
      width={WIDTH}
    >
      <Stack gap="lg">
        <Grid gap="xs">
          <LinkPageFact label="Asked by">{data.mspName}</LinkPageFact>
          <LinkPageFact label="Client">{data.clientName}</LinkPageFact>
          <LinkPageFact label="Vendor">{data.vendorName}</LinkPageFact>
          <LinkPageFact label="Product">{data.product}</LinkPageFact>
        </Grid>
        <RulesAndAddendum
          mspName={data.mspName}
          clientName={data.clientName}
          rules={data.rules}
          addendum={data.addendum}
        />
        <AcknowledgeForm
          token={token}
          rules={data}
          onDone={setAcknowledgedBy}
          onSpent={() => setSpent(true)}
        />
      </Stack>
    </PublicFrame>
  );
}

function AcknowledgeForm(props: {
  token: string;
  rules: PublicRules;
  onDone: (name: string) => void;
  onSpent: () => void;
}) {
  const [agrees, setAgrees] = useState(false);
  const form = useSignedLinkForm(props.onSpent);
  const acknowledge = useMutation({
    mutationFn: () => acknowledgeByLink(props.token, form.signer),
    onSuccess: () => props.onDone(form.signer.name),
    onError: form.onError,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = form.problems();
    if (!agrees) problems.agree = 'Tick the box to acknowledge the rules';
    if (form.check(problems)) acknowledge.mutate();
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Acknowledge">
      <Stack gap="sm">
        <LinkFormHead
          title="Acknowledge"
          refusalTitle="Your acknowledgement was not recorded"
          refusal={form.refusal}
        />
        {form.signerFields}
        <Checkbox
          label={`I have read and acknowledge these rules on behalf of ${props.rules.vendorName}`}
          checked={agrees}
          error={form.errors.agree}
          onChange={(event) => {
            setAgrees(event.currentTarget.checked);
            form.clear('agree');
          }}
        />
        <LinkFormSubmit expiresAt={props.rules.expiresAt} isPending={acknowledge.isPending}>
          Acknowledge
        </LinkFormSubmit>
      </Stack>
    </form>
  );
}
