// One-time recovery codes, shown once: copy or download them, then say they are saved to move on.
import { Alert, Box, Button, CopyButton, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';

function asText(codes: string[], email: string): string {
  return [
    `Accord recovery codes for ${email}`,
    `Saved ${new Date().toISOString().slice(0, 10)}. Each code signs you in once when your authenticator is not at hand.`,
    '',
    ...codes,
    '',
  ].join('\n');
}

function download(codes: string[], email: string) {
  const url = URL.createObjectURL(new Blob([asText(codes, email)], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'accord-recovery-codes.txt';
  link.click();
  // After the click has been handled; revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function RecoveryCodes(props: {
  codes: string[];
  email: string;
  onSaved: () => void;
  /** The button that moves on, e.g. "I have saved these". */
  savedLabel?: string;
}) {
  const { codes, email } = props;
  return (
    <Stack gap="sm">
      <Alert color="yellow" variant="light" title="Save these now">
        They are shown only this once. Each code signs you in one time if you lose your phone. Keep them in a
        password manager or print them.
      </Alert>
      <Paper
        withBorder
        p="sm"
        radius="md"
        bg="light-dark(var(--mantine-color-gray-0), var(--mantine-color-dark-7))"
      >
        <Box
          component="ul"
          aria-label="Recovery codes"
          m={0}
          p={0}
          style={{ listStyle: 'none', display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '6px 12px' }}
        >
          {codes.map((code) => (
            <Box component="li" key={code} ff="monospace" fz="sm" ta="center">
              {code}
            </Box>
          ))}
        </Box>
      </Paper>
      <Group gap="xs">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              size="xs"
              leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
              onClick={copy}
            >
              {copied ? 'Copied' : 'Copy codes'}
            </Button>
          )}
        </CopyButton>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconDownload size={14} />}
          onClick={() => download(codes, email)}
        >
          Download .txt
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        Getting new codes later makes these stop working.
      </Text>
      <Button onClick={props.onSaved} fullWidth mt="xs">
        {props.savedLabel ?? 'I have saved these'}
      </Button>
    </Stack>
  );
}
