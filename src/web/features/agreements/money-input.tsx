// An amount typed as a decimal in the agreement's currency (sent as cents), the code shown beside it.
import { TextInput, type TextInputProps } from '@mantine/core';
import { minorUnits } from '../../../shared/money.ts';

export function MoneyInput(
  props: Omit<TextInputProps, 'value' | 'onChange'> & {
    currency: string;
    value: string;
    onChange: (value: string) => void;
  },
) {
  const { currency, value, onChange, ...rest } = props;
  return (
    <TextInput
      inputMode="decimal"
      placeholder={minorUnits(currency) === 0 ? '0' : '0.00'}
      rightSection={currency}
      rightSectionWidth={44}
      rightSectionProps={{ style: { fontSize: 'var(--mantine-font-size-xs)', opacity: 0.7 } }}
      styles={{ input: { fontVariantNumeric: 'tabular-nums' } }}
      {...rest}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
    />
  );
}
