// The 6-digit authenticator code field: numeric keyboard on phones, and browsers may fill it from an SMS
// or a password manager (autocomplete="one-time-code").
import { TextInput, type TextInputProps } from '@mantine/core';

/** Six digits, optionally split "123 456" as many apps show them. */
export const isSixDigitCode = (value: string) => /^\d{3} ?\d{3}$/.test(value.trim());

export function CodeInput(props: Omit<TextInputProps, 'onChange'> & { onChange: (value: string) => void }) {
  const { onChange, ...rest } = props;
  return (
    <TextInput
      label="6-digit code"
      autoComplete="one-time-code"
      inputMode="numeric"
      pattern="[0-9 ]*"
      maxLength={7}
      spellCheck={false}
      styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', letterSpacing: '0.15em' } }}
      {...rest}
      onChange={(event) => onChange(event.currentTarget.value.replace(/[^\d ]/g, ''))}
    />
  );
}
