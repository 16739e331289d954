// A client's months as charts: revenue against labour and resale cost, and the margin against the target.
import '@mantine/charts/styles.css';
import { BarChart, LineChart } from '@mantine/charts';
import { Paper, Stack, Text } from '@mantine/core';
import { minorUnits } from '../../../shared/money.ts';
import type { ClientProfitability } from './profitability-api.ts';
import { money, shortPeriod } from './profitability-display.tsx';

export function ProfitabilityCharts(props: { detail: ClientProfitability }) {
  const { detail } = props;
  const { currency } = detail;
  const scale = 10 ** minorUnits(currency);
  const months = detail.months.filter((month) => month.currency === currency);
  const data = months.map((month) => ({
    month: shortPeriod(month.period),
    Revenue: month.revenueCents / scale,
    'Labour cost': month.labourCostCents / scale,
    'Resale cost': month.resaleCostCents / scale,
    Margin: month.marginPercent,
    Target: detail.marginThresholdPercent,
  }));
  const asMoney = (value: number) => money(Math.round(value * scale), currency);
  return (
    <Paper withBorder p="md" component="section" aria-label="Profitability by month">
      <Stack gap="md">
        <div>
          <Text fw={600}>Revenue and cost by month</Text>
          <Text size="xs" c="dimmed">
            Invoice months in {currency}; labour on an invoice was done the month before.
          </Text>
        </div>
        <BarChart
          h={260}
          data={data}
          dataKey="month"
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          valueFormatter={asMoney}
          yAxisProps={{ width: 80 }}
          series={[
            { name: 'Revenue', color: 'teal.6' },
            { name: 'Labour cost', color: 'orange.6', stackId: 'cost' },
            { name: 'Resale cost', color: 'grape.5', stackId: 'cost' },
          ]}
        />
        <div>
          <Text fw={600}>Margin</Text>
          <Text size="xs" c="dimmed">
            Months without revenue have no margin; the dashed line is the {detail.marginThresholdPercent} %
            target.
          </Text>
        </div>
        <LineChart
          h={180}
          data={data}
          dataKey="month"
          curveType="linear"
          connectNulls={false}
          yAxisProps={{ width: 80 }}
          valueFormatter={(value) => `${value.toFixed(1)} %`}
          series={[
            { name: 'Margin', color: 'blue.6' },
            { name: 'Target', color: 'red.5', strokeDasharray: '5 5' },
          ]}
          withDots
        />
      </Stack>
    </Paper>
  );
}
