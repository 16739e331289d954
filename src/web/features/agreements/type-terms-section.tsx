// The terms only one type of agreement has: a block of hours, a monthly retainer, a project's fixed fee.
import { NumberInput, Select, SimpleGrid } from '@mantine/core';
import { parseMoney } from '../../../shared/money.ts';
import { SectionCard } from '../../ui/section-card.tsx';
import { money } from './agreement-display.tsx';
import type { FormValues, SectionProps } from './agreement-form.ts';
import { MoneyInput } from './money-input.tsx';

/** What happens to a block's unused hours when the next block is bought. */
const rolloverOptions = [
  { value: 'none', label: 'Unused hours lapse' },
  { value: 'all', label: 'Unused hours roll over' },
];

export function TypeTermsSection(props: SectionProps) {
  const { values, readOnly } = props;
  if (values.type === 'block_hours') return <BlockTerms {...props} />;
  if (values.type === 'retainer') {
    return (
      <SectionCard
        title="Retainer"
        description="Money the client pays each month; billable work draws from it first."
      >
        <MoneyInput
          readOnly={readOnly}
          label="Monthly retainer"
          required
          currency={props.currency}
          value={values.retainer}
          error={props.errors.retainerCents}
          onChange={(value) => props.set('retainer', value)}
          maw={240}
        />
      </SectionCard>
    );
  }
  if (values.type === 'project') {
    return (
      <SectionCard title="Project fee" description="The fixed price of the project; its work is included.">
        <MoneyInput
          readOnly={readOnly}
          label="Fixed fee"
          required
          currency={props.currency}
          value={values.fixedFee}
          error={props.errors.fixedFeeCents}
          onChange={(value) => props.set('fixedFee', value)}
          maw={240}
        />
      </SectionCard>
    );
  }
  return null;
}

function BlockTerms(props: SectionProps) {
  const { values, errors, set, currency, readOnly } = props;
  const hours = Number(values.blockHours);
  const priceCents = parseMoney(values.blockPrice, currency);
  // What an hour of the block comes to, to compare with the overage rate.
  const perHour =
    values.blockHours !== '' && hours > 0 && priceCents !== null
      ? money(Math.round(priceCents / hours), currency)
      : null;

  return (
    <SectionCard
      title="Block of hours"
      description="Hours bought up front; billable time draws them down, and work past the block bills at the overage rate."
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <NumberInput
          readOnly={readOnly}
          label="Hours in a block"
          required
          min={0.25}
          step={1}
          decimalScale={2}
          allowNegative={false}
          clampBehavior="none"
          value={values.blockHours}
          error={errors.blockMinutes}
          onChange={(value) => set('blockHours', value)}
        />
        <MoneyInput
          readOnly={readOnly}
          label="Block price"
          required
          description={perHour ? `${perHour} an hour` : undefined}
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          currency={currency}
          value={values.blockPrice}
          error={errors.blockPriceCents}
          onChange={(value) => set('blockPrice', value)}
        />
        <MoneyInput
          readOnly={readOnly}
          label="Overage rate (per hour)"
          required
          currency={currency}
          value={values.overageRate}
          error={errors.overageRateCents}
          onChange={(value) => set('overageRate', value)}
        />
        <Select
          readOnly={readOnly}
          label="Rollover"
          allowDeselect={false}
          data={rolloverOptions}
          value={values.blockRollover}
          error={errors.blockRollover}
          onChange={(value) => value && set('blockRollover', value as FormValues['blockRollover'])}
        />
        <NumberInput
          readOnly={readOnly}
          label="Hours expire after"
          description="Empty: they never expire."
          inputWrapperOrder={['label', 'input', 'description', 'error']}
          suffix=" months"
          min={1}
          max={120}
          allowDecimal={false}
          allowNegative={false}
          clampBehavior="none"
          value={values.blockExpiryMonths}
          error={errors.blockExpiryMonths}
          onChange={(value) => set('blockExpiryMonths', value)}
        />
      </SimpleGrid>
    </SectionCard>
  );
}
