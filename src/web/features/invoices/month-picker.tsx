// Picks a month (YYYY-MM): a list of recent and coming months, with buttons for the month before and after.
import { ActionIcon, Group, Select, type SelectProps, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useMemo } from 'react';
import { shiftPeriod } from '../../../shared/billing/invoice-math.ts';
import { currentPeriod, monthInWords } from './invoice-display.tsx';

/** Three years back and a year ahead of this month, and the chosen month wherever it is. */
function monthOptions(value: string): { value: string; label: string }[] {
  const now = currentPeriod();
  const months = Array.from({ length: 49 }, (_, index) => shiftPeriod(now, 12 - index));
  if (!months.includes(value)) months.push(value);
  return months
    .sort((a, b) => b.localeCompare(a))
    .map((month) => ({ value: month, label: monthInWords(month) }));
}

export function MonthPicker(
  props: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
    value: string;
    onChange: (period: string) => void;
  },
) {
  const { value, onChange, size, disabled, ...rest } = props;
  const data = useMemo(() => monthOptions(value), [value]);
  const iconSize = size === 'xs' ? 'md' : 'lg';
  return (
    <Group gap={4} wrap="nowrap" align="flex-end">
      <Tooltip label="Month before">
        <ActionIcon
          variant="default"
          size={iconSize}
          aria-label="Month before"
          disabled={disabled}
          onClick={() => onChange(shiftPeriod(value, -1))}
        >
          <IconChevronLeft size={16} />
        </ActionIcon>
      </Tooltip>
      <Select
        searchable
        allowDeselect={false}
        maxDropdownHeight={280}
        w={170}
        size={size}
        disabled={disabled}
        {...rest}
        data={data}
        value={value}
        onChange={(period) => period && onChange(period)}
      />
      <Tooltip label="Month after">
        <ActionIcon
          variant="default"
          size={iconSize}
          aria-label="Month after"
          disabled={disabled}
          onClick={() => onChange(shiftPeriod(value, 1))}
        >
          <IconChevronRight size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
