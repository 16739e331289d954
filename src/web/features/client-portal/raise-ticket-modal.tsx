// Someone at the client raises a ticket: what the problem is, the details, and how urgent it is in plain
// words (one person affected unless they say otherwise). The form keeps what was typed when the API refuses.
import { Button, Group, Modal, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type Priority, priorities } from '../../../shared/api/sla-policies.ts';
import { ApiError } from '../../api/client.ts';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { clientPortalKeys, type PortalTicketDetail, raisePortalTicket } from './portal-api.ts';
import { DEFAULT_PORTAL_PRIORITY, portalPriorityHints, portalPriorityLabels } from './portal-words.ts';

export function RaiseTicketModal(props: {
  opened: boolean;
  onClose: () => void;
  mspName: string;
  onRaised: (ticket: PortalTicketDetail) => void;
}) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Raise a ticket" size="lg">
      {props.opened && <RaiseTicketForm {...props} />}
    </Modal>
  );
}

function RaiseTicketForm(props: {
  onClose: () => void;
  mspName: string;
  onRaised: (ticket: PortalTicketDetail) => void;
}) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<Priority>(DEFAULT_PORTAL_PRIORITY);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const raise = useMutation({
    mutationFn: () => raisePortalTicket({ title: title.trim(), description: description.trim(), priority }),
    onSuccess: async (ticket) => {
      await queryClient.invalidateQueries({ queryKey: clientPortalKeys.all });
      queryClient.setQueryData(clientPortalKeys.ticket(ticket.id), ticket);
      notifySuccess(`Ticket #${ticket.number} raised`);
      props.onClose();
      props.onRaised(ticket);
    },
    onError: (error) => {
      if (error instanceof ApiError) setErrors(error.fieldErrors);
      notifyError(error, 'Could not raise the ticket');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return setErrors({ title: 'Say what the problem is' });
    setErrors({});
    raise.mutate();
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {props.mspName} picks it up and answers you on the ticket’s page.
        </Text>
        <TextInput
          label="What is the problem?"
          description="A short summary, e.g. “Outlook keeps asking for my password”"
          required
          data-autofocus
          maxLength={300}
          value={title}
          error={errors.title}
          onChange={(event) => {
            setTitle(event.currentTarget.value);
            setErrors(({ title: _, ...rest }) => rest);
          }}
        />
        <Textarea
          label="Details"
          description="What happened, since when, who is affected, and any error message"
          autosize
          minRows={4}
          maxRows={12}
          value={description}
          error={errors.description}
          onChange={(event) => setDescription(event.currentTarget.value)}
        />
        <Radio.Group
          label="How urgent is it?"
          required
          value={priority}
          error={errors.priority}
          onChange={(value) => setPriority(value as Priority)}
        >
          <Stack gap={8} mt={6}>
            {priorities.map((value) => (
              <Radio
                key={value}
                value={value}
                label={portalPriorityLabels[value]}
                description={portalPriorityHints[value]}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Group justify="flex-end" gap="xs" mt="xs">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={raise.isPending}>
            Raise ticket
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
