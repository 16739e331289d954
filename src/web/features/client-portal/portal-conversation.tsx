// A ticket's public conversation in the portal, oldest first: the MSP's people, you and your colleagues told
// apart by a word beside the name and a tint (never colour alone).
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { RelativeTime } from '../../ui/relative-time.tsx';
import type { PortalMessage } from './portal-api.ts';

type Side = 'staff' | 'you' | 'colleague';

const tints: Partial<Record<Side, string>> = {
  you: 'light-dark(var(--mantine-color-blue-0), rgba(34, 139, 230, 0.08))',
};

function sideOf(message: PortalMessage): Side {
  if (message.author === 'staff') return 'staff';
  return message.isYours ? 'you' : 'colleague';
}

export function PortalConversation(props: {
  messages: PortalMessage[];
  mspName: string;
  clientName: string | null;
}) {
  if (props.messages.length === 0) {
    return (
      <Paper withBorder p="md">
        <Text size="sm" c="dimmed">
          No replies yet. {props.mspName} answers here; you can add details below meanwhile.
        </Text>
      </Paper>
    );
  }
  return (
    <Stack gap="xs" component="ol" p={0} m={0} aria-label="Conversation" style={{ listStyle: 'none' }}>
      {props.messages.map((message) => {
        const side = sideOf(message);
        const name =
          side === 'you' ? 'You' : (message.name ?? (side === 'staff' ? props.mspName : 'A colleague'));
        const where = side === 'staff' ? props.mspName : side === 'colleague' ? props.clientName : null;
        return (
          <Paper
            key={message.id}
            component="li"
            withBorder
            p="sm"
            bg={tints[side]}
            aria-label={`${side === 'you' ? 'Your reply' : `Reply from ${name}`}`}
            data-side={side}
          >
            <Group justify="space-between" gap="xs" mb={4} wrap="nowrap" align="flex-start">
              <Group gap={6} wrap="wrap" miw={0}>
                <Text size="sm" fw={600}>
                  {name}
                </Text>
                {where && (
                  <Badge
                    size="xs"
                    variant={side === 'staff' ? 'light' : 'outline'}
                    color={side === 'staff' ? 'indigo' : 'gray'}
                    tt="none"
                  >
                    {where}
                  </Badge>
                )}
              </Group>
              <RelativeTime value={message.at} size="xs" />
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {message.body}
            </Text>
          </Paper>
        );
      })}
    </Stack>
  );
}
