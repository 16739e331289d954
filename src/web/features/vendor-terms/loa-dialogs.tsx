// The dialogs that move a Letter of Agency along: edit a draft, record that it went out for signature,
// and upload the signed copy (which puts it in force until its end date).
import { Button, FileInput, Group, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { LOA_FILE_MAX_BYTES } from '../../../shared/api/vendor-terms.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { localToday } from '../vendors/renewal.ts';
import { oneYearAfter } from './terms-status.ts';
import { type Loa, sendLoa, termsKeys, updateLoa, uploadSignedLoa } from './vendor-terms-api.ts';

export type LoaDialog = 'edit' | 'send' | 'signed';

const titles: Record<LoaDialog, string> = {
  edit: 'Edit Letter of Agency',
  send: 'Mark letter as sent',
  signed: 'Upload signed copy',
};

export function LoaDialogs(props: { loa: Loa; dialog: LoaDialog | null; onClose: () => void }) {
  const { loa, dialog, onClose } = props;
  return (
    <Modal opened={dialog !== null} onClose={onClose} title={dialog ? titles[dialog] : ''} size="lg">
      {dialog === 'edit' && <EditForm loa={loa} onClose={onClose} />}
      {dialog === 'send' && <SendForm loa={loa} onClose={onClose} />}
      {dialog === 'signed' && <SignedForm loa={loa} onClose={onClose} />}
    </Modal>
  );
}

/** A mutation on a letter that refreshes every vendor-terms view, closes its dialog and keeps field errors. */
function useLoaMutation<Input>(
  action: (input: Input) => Promise<Loa>,
  messages: { done: string; failed: string },
  onClose: () => void,
) {
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: action,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: termsKeys.all });
      notifySuccess(messages.done);
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, messages.failed);
    },
  });
  return { mutation, errors, setErrors };
}

function EditForm(props: { loa: Loa; onClose: () => void }) {
  const { loa } = props;
  const [values, setValues] = useState({
    scope: loa.scope,
    expiresOn: loa.expiresOn ?? '',
    signerName: loa.signerName ?? '',
    signerTitle: loa.signerTitle ?? '',
  });
  const { mutation, errors, setErrors } = useLoaMutation(
    () =>
      updateLoa(loa.id, {
        scope: values.scope.trim(),
        expiresOn: values.expiresOn || null,
        signerName: values.signerName.trim() || null,
        signerTitle: values.signerTitle.trim() || null,
      }),
    { done: 'Letter saved', failed: 'Could not save the letter' },
    props.onClose,
  );
  const set = (key: keyof typeof values, value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors(({ [key]: _, ...rest }) => rest);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!values.scope.trim()) return setErrors({ scope: 'Say what the letter authorizes' });
    mutation.mutate(undefined);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Textarea
          label="What the letter authorizes"
          description="In the client’s voice: the client signs it. Paragraphs are kept as typed."
          required
          autosize
          minRows={6}
          maxRows={16}
          value={values.scope}
          error={errors.scope}
          onChange={(event) => set('scope', event.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label="Proposed end"
            type="date"
            value={values.expiresOn}
            error={errors.expiresOn}
            onChange={(event) => set('expiresOn', event.currentTarget.value)}
          />
          <TextInput
            label="Signer name"
            description="Who signs for the client"
            value={values.signerName}
            error={errors.signerName}
            onChange={(event) => set('signerName', event.currentTarget.value)}
          />
          <TextInput
            label="Signer title"
            value={values.signerTitle}
            error={errors.signerTitle}
            onChange={(event) => set('signerTitle', event.currentTarget.value)}
          />
        </SimpleGrid>
        <FormButtons onCancel={props.onClose} isBusy={mutation.isPending} label="Save letter" />
      </Stack>
    </form>
  );
}

function SendForm(props: { loa: Loa; onClose: () => void }) {
  const [sentTo, setSentTo] = useState(props.loa.sentTo ?? '');
  const { mutation, errors, setErrors } = useLoaMutation(
    () => sendLoa(props.loa.id, sentTo.trim()),
    { done: 'Letter marked as sent', failed: 'Could not mark the letter as sent' },
    props.onClose,
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!sentTo.trim()) return setErrors({ sentTo: 'Say to whom it went' });
    mutation.mutate(undefined);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Record that the letter went to {props.loa.clientName} for signature. Upload the signed copy when it
          comes back.
        </Text>
        <TextInput
          label="Sent to"
          description="To whom and how, e.g. “dr.patel@brightsmile.example” or “handed over at the site visit”"
          required
          data-autofocus
          value={sentTo}
          error={errors.sentTo}
          onChange={(event) => {
            setSentTo(event.currentTarget.value);
            setErrors({});
          }}
        />
        <FormButtons onCancel={props.onClose} isBusy={mutation.isPending} label="Mark as sent" />
      </Stack>
    </form>
  );
}

function SignedForm(props: { loa: Loa; onClose: () => void }) {
  const { loa } = props;
  const today = localToday();
  const [file, setFile] = useState<File | null>(null);
  const [values, setValues] = useState({
    signerName: loa.signerName ?? '',
    signerTitle: loa.signerTitle ?? '',
    signedOn: today,
    expiresOn: loa.expiresOn && loa.expiresOn > today ? loa.expiresOn : oneYearAfter(today),
  });
  // The end follows the signing date (a year on) until the user picks one of their own.
  const [isEndChosen, setEndChosen] = useState(false);
  const { mutation, errors, setErrors } = useLoaMutation(
    (copy: File) =>
      uploadSignedLoa(loa.id, copy, {
        signerName: values.signerName.trim(),
        signerTitle: values.signerTitle.trim() || undefined,
        signedOn: values.signedOn,
        expiresOn: values.expiresOn,
      }),
    { done: 'Signed copy uploaded: the letter is in force', failed: 'Could not upload the signed copy' },
    props.onClose,
  );
  const set = (key: keyof typeof values, value: string) => {
    setValues((current) => ({
      ...current,
      [key]: value,
      ...(key === 'signedOn' && !isEndChosen && value ? { expiresOn: oneYearAfter(value) } : {}),
    }));
    if (key === 'expiresOn') setEndChosen(true);
    setErrors(({ [key]: _, ...rest }) => rest);
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!file) problems.file = 'Attach the signed copy';
    else if (file.size > LOA_FILE_MAX_BYTES) problems.file = 'The signed copy may be at most 10 MiB';
    if (!values.signerName.trim()) problems.signerName = 'Who signed it for the client';
    if (!values.signedOn) problems.signedOn = 'When it was signed';
    if (!values.expiresOn) problems.expiresOn = 'When the authorization ends';
    else if (values.signedOn && values.expiresOn <= values.signedOn)
      problems.expiresOn = 'The letter must end after it was signed';
    if (Object.keys(problems).length > 0 || !file) return setErrors(problems);
    mutation.mutate(file);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Once uploaded the letter is in force until its end date, and {loa.vendorName} may work at{' '}
          {loa.clientName} where the client’s agreement asks for a letter. It usually runs for a year from
          signing. A signed letter is not edited afterwards: to change it, draft a new one.
        </Text>
        <FileInput
          label="Signed copy"
          description="PDF, PNG or JPEG, up to 10 MiB"
          placeholder="Choose a file"
          required
          clearable
          accept="application/pdf,image/png,image/jpeg"
          leftSection={<IconFileUpload size={16} />}
          value={file}
          error={errors.file}
          onChange={(chosen) => {
            setFile(chosen);
            setErrors(({ file: _, ...rest }) => rest);
          }}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Signer name"
            required
            value={values.signerName}
            error={errors.signerName}
            onChange={(event) => set('signerName', event.currentTarget.value)}
          />
          <TextInput
            label="Signer title"
            placeholder="e.g. Practice owner"
            value={values.signerTitle}
            error={errors.signerTitle}
            onChange={(event) => set('signerTitle', event.currentTarget.value)}
          />
          <TextInput
            label="Signed on"
            type="date"
            required
            max={today}
            value={values.signedOn}
            error={errors.signedOn}
            onChange={(event) => set('signedOn', event.currentTarget.value)}
          />
          <TextInput
            label="Expires on"
            type="date"
            required
            value={values.expiresOn}
            error={errors.expiresOn}
            onChange={(event) => set('expiresOn', event.currentTarget.value)}
          />
        </SimpleGrid>
        <FormButtons onCancel={props.onClose} isBusy={mutation.isPending} label="Upload signed copy" />
      </Stack>
    </form>
  );
}

function FormButtons(props: { onCancel: () => void; isBusy: boolean; label: ReactNode }) {
  return (
    <Group justify="flex-end" gap="xs" mt="xs">
      <Button variant="default" onClick={props.onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={props.isBusy}>
        {props.label}
      </Button>
    </Group>
  );
}
