// Where a vendor's change request stands, in plain words: the MSP's decision, the client's approval (where
// the client's agreement asks for it), and what that means for the work. Each line has an icon and words,
// never colour alone.
import { Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconCircleCheck,
  IconCircleMinus,
  IconCircleX,
  IconHourglass,
  IconInfoCircle,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { changeRequestStatusLabels } from '../../../shared/api/change-requests.ts';
import { browserTimeZone, formatDateTime } from '../../ui/format.ts';
import { useSession } from '../auth/session.ts';
import { formatWindow } from '../change-requests/change-request-labels.tsx';
import type { PortalChangeRequest } from './portal-api.ts';

type Tone = 'waiting' | 'yes' | 'no' | 'neutral';

interface Line {
  tone: Tone;
  text: string;
  detail?: string | null;
}

const tones: Record<Tone, { color: string; icon: ReactNode }> = {
  waiting: { color: 'yellow', icon: <IconHourglass size={16} /> },
  yes: { color: 'teal', icon: <IconCircleCheck size={16} /> },
  no: { color: 'red', icon: <IconCircleX size={16} /> },
  neutral: { color: 'gray', icon: <IconCircleMinus size={16} /> },
};

const by = (name: string | null, at: string | null, zone: string) =>
  [name, at && formatDateTime(at, zone, true)].filter(Boolean).join(', ');

/** The MSP's side. A request the client rejected before the MSP decided has no MSP decision to tell. */
function mspLine(request: PortalChangeRequest, msp: string, me: string, zone: string): Line | null {
  const who = by(request.decidedByName, request.decidedAt, zone);
  const reason = request.decisionReason ? `Reason: ${request.decisionReason}` : null;
  switch (request.status) {
    case 'requested':
      return request.decidedAt
        ? { tone: 'yes', text: `Approved by ${msp}`, detail: who }
        : { tone: 'waiting', text: `Waiting for ${msp}’s decision` };
    case 'approved':
    case 'in_progress':
    case 'completed':
      return { tone: 'yes', text: `Approved by ${msp}`, detail: who || null };
    case 'rejected':
      return request.decidedAt
        ? { tone: 'no', text: `Rejected by ${msp}`, detail: [who, reason].filter(Boolean).join('. ') }
        : null;
    case 'cancelled':
      return {
        tone: 'neutral',
        text: request.decidedByName === me ? 'Withdrawn by you' : 'Withdrawn or cancelled',
        detail: [who, reason].filter(Boolean).join('. '),
      };
  }
}

function clientLine(request: PortalChangeRequest, msp: string, zone: string): Line | null {
  const { clientApproval: approval, clientName } = request;
  const isOver = request.status === 'cancelled' || request.status === 'rejected';
  switch (approval.status) {
    case 'not_needed':
      return isOver
        ? null
        : { tone: 'neutral', text: `${clientName}’s own approval is not needed for this change` };
    case 'pending':
      return request.status === 'requested'
        ? {
            tone: 'waiting',
            text: `Waiting for ${clientName}’s approval`,
            detail: `${clientName}’s agreement asks for its approval of vendors’ changes: the change is approved once both ${msp} and ${clientName} have approved it.`,
          }
        : {
            tone: 'neutral',
            text: `${clientName} did not decide before the request was ${changeRequestStatusLabels[request.status].toLowerCase()}`,
          };
    case 'approved':
      return {
        tone: 'yes',
        text: `Approved for ${clientName}`,
        detail: by(approval.name, approval.decidedAt, zone) || null,
      };
    case 'rejected':
      return {
        tone: 'no',
        text: `Rejected for ${clientName}`,
        detail: [by(approval.name, approval.decidedAt, zone), approval.reason && `Reason: ${approval.reason}`]
          .filter(Boolean)
          .join('. '),
      };
  }
}

/** What the standing means for the work, in one sentence. */
function nextStep(request: PortalChangeRequest, zone: string): string {
  const window = formatWindow(request.windowStart, request.windowEnd, zone);
  switch (request.status) {
    case 'requested':
      return request.emergency
        ? 'Declared as an emergency after the fact: it is decided afterwards.'
        : `Not approved yet: wait for the approval before you start. The window is ${window}.`;
    case 'approved':
      return `Approved: make the change inside its window, ${window}.`;
    case 'in_progress':
      return `The change is under way in its window, ${window}.`;
    case 'completed':
      return 'The change is marked completed.';
    case 'rejected':
      return 'The change must not go ahead as planned. Raise a new request if it is still needed.';
    case 'cancelled':
      return 'The change will not go ahead. Raise a new request if it is still needed.';
  }
}

export function PortalRequestStanding(props: { request: PortalChangeRequest; msp: string }) {
  const { request, msp } = props;
  const me = useSession().identity.name;
  const zone = browserTimeZone();
  const lines = [mspLine(request, msp, me, zone), clientLine(request, msp, zone)].filter(
    (line): line is Line => line !== null,
  );
  return (
    <Paper withBorder p="md" component="section" aria-label="Where it stands">
      <Title order={2} fz="h4" mb="sm">
        Where it stands
      </Title>
      <Stack gap="sm">
        {lines.map((line) => (
          <Group key={line.text} gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon size={26} radius="xl" variant="light" color={tones[line.tone].color} aria-hidden>
              {tones[line.tone].icon}
            </ThemeIcon>
            <Stack gap={0} miw={0}>
              <Text fw={600} size="sm">
                {line.text}
              </Text>
              {line.detail && (
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {line.detail}
                </Text>
              )}
            </Stack>
          </Group>
        ))}
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <ThemeIcon size={26} radius="xl" variant="light" color="blue" aria-hidden>
            <IconInfoCircle size={16} />
          </ThemeIcon>
          <Text size="sm" pt={3}>
            {nextStep(request, zone)}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
