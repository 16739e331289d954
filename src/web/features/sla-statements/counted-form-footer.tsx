// The foot of the statement's text forms (an explanation, a dispute): how much of the text is used, Cancel,
// and the submit button.
import { Button, Group, Text } from '@mantine/core';

export function CountedFormFooter(props: {
  length: number;
  max: number;
  onCancel: () => void;
  submitLabel: string;
  isSubmitting: boolean;
}) {
  return (
    <Group justify="space-between">
      <Text size="xs" c="dimmed" className="tabular">
        {props.length} / {props.max}
      </Text>
      <Group gap="xs">
        <Button variant="default" onClick={props.onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={props.isSubmitting}>
          {props.submitLabel}
        </Button>
      </Group>
    </Group>
  );
}
