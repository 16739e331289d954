// The open triage count beside "Mail triage" in the navigation; nothing when the list is empty.
import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { openTriageCountQuery } from './inbound-mail-api.ts';

export function TriageCountBadge() {
  const count = useQuery(openTriageCountQuery);
  if (!count.data) return null;
  return (
    <Badge size="sm" variant="filled" color="orange" className="tabular" aria-label={`${count.data} open`}>
      {count.data > 99 ? '99+' : count.data}
    </Badge>
  );
}
