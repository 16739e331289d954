// A vendor's products as small chips; a dash when it names none.
import { Badge, Group, Text } from '@mantine/core';

export function ProductChips(props: { products: string[] }) {
  if (props.products.length === 0) return <Text c="dimmed">—</Text>;
  return (
    <Group gap={4}>
      {props.products.map((product) => (
        <Badge key={product} size="sm" variant="light" color="gray" tt="none" fw={500}>
          {product}
        </Badge>
      ))}
    </Group>
  );
}
