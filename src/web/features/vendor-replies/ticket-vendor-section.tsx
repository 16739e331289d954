// A vendor incident's vendor in the ticket's side panel; staff who manage vendors make a one-time link for
// the vendor to read the changes and the evidence and reply once, on this ticket's timeline.
import { Button, Stack, Text } from '@mantine/core';
import { IconMessageReply } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LinkShownOnceModal } from '../../ui/link-shown-once.tsx';
import { AnchorLink } from '../../ui/links.tsx';
import { notifyError } from '../../ui/notify.tsx';
import { useCan } from '../auth/session.ts';
import { Section } from '../tickets/ticket-panel-section.tsx';
import type { TicketDetail } from '../tickets/tickets-api.ts';
import { vendorQuery } from '../vendors/vendors-api.ts';
import { createVendorReplyLink, type OneTimeLink } from './vendor-replies-api.ts';

export function TicketVendorSection(props: { ticket: TicketDetail; vendorId: string }) {
  const { ticket, vendorId } = props;
  const can = useCan();
  const vendor = useQuery({ ...vendorQuery(vendorId), enabled: can('vendors.read') });
  const [link, setLink] = useState<OneTimeLink | null>(null);
  const createLink = useMutation({
    mutationFn: () => createVendorReplyLink(ticket.id),
    onSuccess: setLink,
    onError: (error) => notifyError(error, 'Could not create the link'),
  });
  const vendorName = vendor.data?.name ?? 'the vendor';

  return (
    <Section title="Vendor">
      <Stack gap="xs">
        {vendor.data ? (
          <AnchorLink to="/vendors/$vendorId" params={{ vendorId }} size="sm" fw={500}>
            {vendor.data.name}
          </AnchorLink>
        ) : (
          <Text size="sm">{vendor.isPending && can('vendors.read') ? '…' : 'A vendor'}</Text>
        )}
        <Text size="xs" c="dimmed">
          This incident is about changes recorded outside an approved window and tied to {vendorName}.
        </Text>
        {can('vendors.manage') && (
          <Button
            variant="default"
            size="xs"
            leftSection={<IconMessageReply size={14} />}
            loading={createLink.isPending}
            onClick={() => createLink.mutate()}
            style={{ alignSelf: 'flex-start' }}
          >
            Ask vendor to reply
          </Button>
        )}
      </Stack>
      <LinkShownOnceModal
        link={link}
        title={`Reply link for ${vendorName}`}
        label="Reply link"
        onClose={() => setLink(null)}
      >
        {(expires) =>
          `Send it to ${vendorName}. Whoever opens it can read the changes on #${ticket.number} and the evidence, and reply once, without an account, until ${expires}. The reply appears on this ticket’s timeline, where ${ticket.clientName} sees it too.`
        }
      </LinkShownOnceModal>
    </Section>
  );
}
