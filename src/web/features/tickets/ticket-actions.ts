// One way to run a ticket action: refresh what it changed, report failures, and follow a reopen that
// opened a new ticket (the API then answers with the new ticket, not the one acted on).

import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { notifyError } from '../../ui/notify.tsx';
import { type Ticket, ticketKeys } from './tickets-api.ts';

export function useTicketAction<Input>(
  ticketId: string,
  action: (input: Input) => Promise<Ticket>,
  options: { errorTitle: string; onDone?: (ticket: Ticket) => void },
) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: action,
    onSuccess: async (ticket) => {
      await queryClient.invalidateQueries({ queryKey: ticketKeys.all });
      options.onDone?.(ticket);
      if (ticket.id !== ticketId) {
        notifications.show({
          color: 'indigo',
          title: `Opened #${ticket.number}`,
          message: `The reopen window had passed, so a new ticket #${ticket.number} was opened and linked to this one.`,
          autoClose: 10_000,
        });
        await navigate({ to: '/tickets/$ticketId', params: { ticketId: ticket.id } });
      }
    },
    onError: (error) => notifyError(error, options.errorTitle),
  });
}
