// Settings → Email templates: every template Accord sends, the editor (subject, plain text, HTML) with its
// placeholders to click in, a live preview with sample data, and a way back to the shipped default.
import {
  Alert,
  Badge,
  Box,
  Button,
  Code,
  Grid,
  Group,
  NavLink,
  Paper,
  Skeleton,
  Stack,
  Switch,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconRestore } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { notifyError, notifySuccess } from '../../ui/notify.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import {
  type EmailPreview,
  type EmailTemplate,
  type EmailTemplateInput,
  emailTemplatesQuery,
  mailKeys,
  previewEmailTemplate,
  resetEmailTemplate,
  saveEmailTemplate,
} from './mail-api.ts';

type Field = 'subject' | 'textBody' | 'htmlBody';

export function EmailTemplatesPage() {
  const templates = useQuery(emailTemplatesQuery);
  const [selected, setSelected] = useState<string | null>(null);
  const header = (
    <PageHeader
      title="Email templates"
      description="What Accord's mails say. Placeholders like {{ticket.title}} are filled in when a mail is queued; ticket mails keep [#number] in the subject so replies find their ticket."
    />
  );
  if (!templates.isSuccess)
    return (
      <>
        {header}
        <QueryState query={templates} height={480} />
      </>
    );
  const current = templates.data.find((t) => t.key === selected) ?? templates.data[0]!;
  return (
    <>
      {header}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder p={4} component="nav" aria-label="Templates">
            {templates.data.map((template) => (
              <NavLink
                key={template.key}
                active={template.key === current.key}
                onClick={() => setSelected(template.key)}
                label={<Code fz="xs">{template.key}</Code>}
                description={template.description}
                rightSection={
                  template.isCustomized ? (
                    <Badge size="xs" variant="light">
                      Edited
                    </Badge>
                  ) : null
                }
              />
            ))}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <TemplateEditor template={current} key={`${current.key}:${current.updatedAt ?? 'default'}`} />
        </Grid.Col>
      </Grid>
    </>
  );
}

function TemplateEditor(props: { template: EmailTemplate }) {
  const { template } = props;
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<EmailTemplateInput>({
    subject: template.subject,
    textBody: template.textBody,
    htmlBody: template.htmlBody,
  });
  const [focused, setFocused] = useState<Field>('textBody');
  const [confirmReset, setConfirmReset] = useState(false);
  const inputs = {
    subject: useRef<HTMLInputElement>(null),
    textBody: useRef<HTMLTextAreaElement>(null),
    htmlBody: useRef<HTMLTextAreaElement>(null),
  };
  const preview = usePreview(template.key, draft);
  const isDirty =
    draft.subject !== template.subject ||
    draft.textBody !== template.textBody ||
    draft.htmlBody !== template.htmlBody;

  const refresh = (saved: EmailTemplate) =>
    queryClient.setQueryData(mailKeys.templates, (old: { items: EmailTemplate[] } | undefined) =>
      old ? { items: old.items.map((t) => (t.key === saved.key ? saved : t)) } : old,
    );
  const save = useMutation({
    mutationFn: () => saveEmailTemplate(template.key, draft),
    onSuccess: (saved) => {
      refresh(saved);
      notifySuccess('Template saved');
    },
    onError: (error) => notifyError(error, 'Could not save the template'),
  });
  const reset = useMutation({
    mutationFn: () => resetEmailTemplate(template.key),
    onSuccess: (saved) => {
      refresh(saved);
      notifySuccess('Back to the default template');
    },
    onError: (error) => notifyError(error, 'Could not reset the template'),
  });

  /** Puts `{{name}}` at the caret of the field last focused. */
  function insert(name: string) {
    const field = focused === 'htmlBody' && draft.htmlBody === null ? 'textBody' : focused;
    const element = inputs[field].current;
    const token = `{{${name}}}`;
    const value = draft[field] ?? '';
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    setDraft({ ...draft, [field]: value.slice(0, start) + token + value.slice(end) });
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <Stack gap="md">
      <Paper withBorder p="md" component="section" aria-label={`Edit ${template.key}`}>
        <form onSubmit={submit}>
          <Stack gap="sm">
            <Group justify="space-between">
              <Stack gap={0}>
                <Title order={2} fz="h4">
                  <Code>{template.key}</Code>
                </Title>
                <Text fz="sm" c="dimmed">
                  {template.description}
                </Text>
              </Stack>
              <Badge variant="light" color={template.isCustomized ? 'blue' : 'gray'}>
                {template.isCustomized ? 'Edited' : 'Default'}
              </Badge>
            </Group>
            <Box>
              <Text fz="sm" fw={500} mb={4}>
                Placeholders
              </Text>
              <Group gap={6}>
                {template.placeholders.map((name) => (
                  <Tooltip key={name} label={`Insert {{${name}}} at the cursor`}>
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => insert(name)}
                      aria-label={`Insert ${name}`}
                    >
                      {`{{${name}}}`}
                    </Button>
                  </Tooltip>
                ))}
              </Group>
            </Box>
            <TextInput
              ref={inputs.subject}
              label="Subject"
              required
              value={draft.subject}
              onFocus={() => setFocused('subject')}
              onChange={(e) => setDraft({ ...draft, subject: e.currentTarget.value })}
            />
            <Textarea
              ref={inputs.textBody}
              label="Plain text"
              required
              autosize
              minRows={6}
              maxRows={16}
              ff="monospace"
              value={draft.textBody}
              onFocus={() => setFocused('textBody')}
              onChange={(e) => setDraft({ ...draft, textBody: e.currentTarget.value })}
            />
            <Switch
              label="Also send an HTML version"
              checked={draft.htmlBody !== null}
              onChange={(e) =>
                setDraft({
                  ...draft,
                  htmlBody: e.currentTarget.checked
                    ? (template.htmlBody ?? `<p>${draft.textBody}</p>`)
                    : null,
                })
              }
            />
            {draft.htmlBody !== null && (
              <Textarea
                ref={inputs.htmlBody}
                label="HTML"
                description="Placeholder values are HTML-escaped."
                autosize
                minRows={6}
                maxRows={16}
                ff="monospace"
                value={draft.htmlBody}
                onFocus={() => setFocused('htmlBody')}
                onChange={(e) => setDraft({ ...draft, htmlBody: e.currentTarget.value })}
              />
            )}
            {preview.data && preview.data.unknownPlaceholders.length > 0 && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />}>
                This template cannot use{' '}
                {preview.data.unknownPlaceholders.map((name) => `{{${name}}}`).join(', ')}; saving will be
                refused.
              </Alert>
            )}
            <Group justify="space-between">
              <Group>
                <Button type="submit" loading={save.isPending} disabled={!isDirty}>
                  Save template
                </Button>
                {isDirty && (
                  <Button
                    variant="subtle"
                    color="gray"
                    onClick={() =>
                      setDraft({
                        subject: template.subject,
                        textBody: template.textBody,
                        htmlBody: template.htmlBody,
                      })
                    }
                  >
                    Discard changes
                  </Button>
                )}
              </Group>
              {template.isCustomized && (
                <Button
                  variant="subtle"
                  color="red"
                  leftSection={<IconRestore size={16} />}
                  onClick={() => setConfirmReset(true)}
                >
                  Reset to default
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      </Paper>
      <PreviewPanel preview={preview.data} isLoading={preview.isLoading} />
      <ConfirmDialog
        opened={confirmReset}
        onClose={() => setConfirmReset(false)}
        title="Reset to the default?"
        message={`Your edits to ${template.key} are deleted and the shipped template is used again.`}
        confirmLabel="Reset to default"
        onConfirm={() => reset.mutateAsync()}
      />
    </Stack>
  );
}

/** Renders the draft through the preview route, a moment after typing stops. */
function usePreview(key: string, draft: EmailTemplateInput) {
  const [debounced, setDebounced] = useState(draft);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(draft), 300);
    return () => clearTimeout(timer);
  }, [draft]);
  return useQuery({
    queryKey: ['email-template-preview', key, debounced],
    queryFn: ({ signal }) => previewEmailTemplate(key, debounced, signal),
    enabled: debounced.subject.trim() !== '' && debounced.textBody !== '',
    placeholderData: (previous) => previous,
    retry: false,
  });
}

function PreviewPanel(props: { preview: EmailPreview | undefined; isLoading: boolean }) {
  const { preview } = props;
  return (
    <Paper withBorder p="md" component="section" aria-label="Preview">
      <Stack gap="sm">
        <Text fw={500}>Preview with sample data</Text>
        {!preview ? (
          <Skeleton height={160} />
        ) : (
          <>
            <Text fz="sm">
              <Text span c="dimmed">
                Subject:{' '}
              </Text>
              {preview.subject}
            </Text>
            <Tabs defaultValue={preview.html !== null ? 'html' : 'text'}>
              <Tabs.List>
                {preview.html !== null && <Tabs.Tab value="html">HTML</Tabs.Tab>}
                <Tabs.Tab value="text">Plain text</Tabs.Tab>
              </Tabs.List>
              {preview.html !== null && (
                <Tabs.Panel value="html" pt="sm">
                  <iframe
                    title="HTML preview"
                    sandbox=""
                    srcDoc={preview.html}
                    style={{
                      width: '100%',
                      height: 280,
                      border: '1px solid var(--mantine-color-default-border)',
                      background: 'white',
                    }}
                  />
                </Tabs.Panel>
              )}
              <Tabs.Panel value="text" pt="sm">
                <Box component="pre" fz="sm" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                  {preview.text}
                </Box>
              </Tabs.Panel>
            </Tabs>
          </>
        )}
      </Stack>
    </Paper>
  );
}
