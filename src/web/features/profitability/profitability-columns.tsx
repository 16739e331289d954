// Table columns the profitability screens share: plain text, and figures (amounts in the row's currency,
// hours, margins) right-aligned in tabular digits so they line up down a column.
import { Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ProfitabilityFigures } from '../../../shared/api/profitability.ts';
import type { Column } from '../../ui/data-table.tsx';
import { hours, Margin, money } from './profitability-display.tsx';

type FigureRow = ProfitabilityFigures & { currency: string };

/** A column of small text, sorted by `sortValue` and showing it unless `text` says otherwise. */
export function textColumn<T>(
  key: string,
  header: string,
  sortValue: (row: T) => string | null,
  text: (row: T) => ReactNode = sortValue,
): Column<T> {
  return { key, header, sortValue, render: (row) => <Text size="sm">{text(row)}</Text> };
}

/** A right-aligned column of tabular figures, sorted by the number behind them. */
export function figureColumn<T>(
  key: string,
  header: string,
  sortValue: (row: T) => number,
  text: (row: T) => ReactNode,
): Column<T> {
  return {
    key,
    header,
    align: 'right',
    sortValue,
    render: (row) => (
      <Text size="sm" className="tabular">
        {text(row)}
      </Text>
    ),
  };
}

/** Minutes shown as hours. */
export function hoursColumn<T>(key: string, header: string, minutesOf: (row: T) => number): Column<T> {
  return figureColumn(key, header, minutesOf, (row) => hours(minutesOf(row)));
}

/** An amount in its currency on one line, then `suffix` ("/h"); red below zero when `isNegativeRed`. */
export function Amount(props: { cents: number; currency: string; suffix?: string; isNegativeRed?: boolean }) {
  return (
    <Text
      size="sm"
      className="tabular"
      style={{ whiteSpace: 'nowrap' }}
      c={props.isNegativeRed && props.cents < 0 ? 'red' : undefined}
    >
      {money(props.cents, props.currency)}
      {props.suffix}
    </Text>
  );
}

/** Amounts in the row's currency; a dash where there is none. */
export function amountColumn<T extends { currency: string }>(
  key: string,
  header: string,
  centsOf: (row: T) => number | null,
  options: { suffix?: string; isNegativeRed?: boolean } = {},
): Column<T> {
  return {
    key,
    header,
    align: 'right',
    sortValue: centsOf,
    render: (row) => {
      const cents = centsOf(row);
      return cents === null ? (
        <Text size="sm">—</Text>
      ) : (
        <Amount cents={cents} currency={row.currency} {...options} />
      );
    },
  };
}

/** Revenue, labour cost, resale cost and hours worked, the figures every profitability table shows. */
export function figureColumns<T extends FigureRow>(options: { isNegativeRed: boolean }): Column<T>[] {
  return [
    amountColumn<T>('revenue', 'Revenue', (row) => row.revenueCents, options),
    amountColumn<T>('labour', 'Labour cost', (row) => row.labourCostCents, options),
    amountColumn<T>('resale', 'Resale cost', (row) => row.resaleCostCents, options),
    hoursColumn<T>('hours', 'Hours', (row) => row.minutesWorked),
  ];
}

/** The margin with its flag; `isFlagged` says which rows fall short of `threshold` (a percentage). */
export function marginColumn<T extends ProfitabilityFigures>(options: {
  width: number;
  threshold: number;
  isFlagged: (row: T) => boolean;
}): Column<T> {
  const { width, threshold, isFlagged } = options;
  return {
    key: 'margin',
    header: 'Margin',
    align: 'right',
    width,
    sortValue: (row) => row.marginPercent,
    render: (row) => <Margin figures={row} threshold={threshold} isFlagged={isFlagged(row)} />,
  };
}
