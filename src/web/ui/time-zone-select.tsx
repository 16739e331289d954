// A searchable IANA time-zone picker fed by the browser's own zone list.
import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';

let zones: string[] | null = null;

function timeZones(): string[] {
  if (!zones) {
    const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    zones = supported.includes('UTC') ? supported : ['UTC', ...supported];
  }
  return zones;
}

export function TimeZoneSelect(
  props: Omit<SelectProps, 'data' | 'onChange'> & { onChange: (zone: string) => void },
) {
  const { onChange, value, ...rest } = props;
  // Keep an unusual stored zone selectable even if this browser does not list it.
  const data = useMemo(() => {
    const list = timeZones();
    return value && !list.includes(value) ? [value, ...list] : list;
  }, [value]);
  return (
    <Select
      searchable
      allowDeselect={false}
      nothingFoundMessage="No such time zone"
      limit={50}
      maxDropdownHeight={280}
      {...rest}
      value={value}
      data={data}
      onChange={(zone) => zone && onChange(zone)}
    />
  );
}
