// The vendor's reply behind a one-time link: who replies, an address to answer (optional), and the reply.
import { Stack, Textarea } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { LinkFormHead, LinkFormSubmit, useSignedLinkForm } from '../../ui/link-form.tsx';
import { type PublicAttribution, sendVendorReply, type VendorReplyInput } from './vendor-replies-api.ts';

export function VendorReplyForm(props: {
  token: string;
  attribution: PublicAttribution;
  /** Called with the name the reply was sent under. */
  onDone: (name: string) => void;
  onSpent: () => void;
}) {
  const { attribution } = props;
  const [text, setText] = useState('');
  const form = useSignedLinkForm(props.onSpent);
  const send = useMutation({
    mutationFn: (input: VendorReplyInput) => sendVendorReply(props.token, input),
    onSuccess: (_, input) => props.onDone(input.name),
    onError: form.onError,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = form.problems();
    if (!text.trim()) problems.text = 'Write your reply';
    if (form.check(problems)) send.mutate({ ...form.signer, text: text.trim() });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Your reply">
      <Stack gap="sm">
        <LinkFormHead title="Your reply" refusalTitle="Your reply was not sent" refusal={form.refusal} />
        {form.signerFields}
        <Textarea
          label="Your reply"
          description={`${attribution.mspName} and ${attribution.clientName} will see it.`}
          required
          autosize
          minRows={4}
          maxLength={10_000}
          value={text}
          error={form.errors.text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            form.clear('text');
          }}
        />
        <LinkFormSubmit expiresAt={attribution.expiresAt} isPending={send.isPending}>
          Send reply
        </LinkFormSubmit>
      </Stack>
    </form>
  );
}
