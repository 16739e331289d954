// The demo's planned histories read, under the real SLA rules, as the scenario each one plays.
import { describe, expect, it } from 'vitest';
import type { Priority } from '../../shared/api/sla-policies.ts';
import type { ImportEvent } from '../../shared/api/tickets.ts';
import { computeSlaState, type SlaEvent } from '../../shared/sla/sla-clock.ts';
import { demoPlanContext, easterSunday } from './demo-calendars.ts';
import { createRandom } from './demo-random.ts';
import { type ImportPlan, planDemoTickets, type Scenario, scenarioCounts } from './demo-tickets.ts';

const toSlaEvents = (plan: ImportPlan): SlaEvent[] =>
  plan.events.map((e: ImportEvent): SlaEvent => {
    const at = Date.parse(e.at);
    switch (e.type) {
      case 'created':
        return { type: 'created', at, priority: plan.priority, status: 'new' };
      case 'public_reply':
        return { type: 'public_reply', at, author: e.author };
      case 'call_logged':
        return { type: 'call_logged', at };
      case 'status':
        return { type: 'status', at, status: e.status };
      case 'priority':
        return { type: 'priority', at, priority: e.priority };
      default:
        return { type: 'note', at };
    }
  });

const expected: Record<Scenario, { firstResponse?: string; resolution?: string }> = {
  met: { firstResponse: 'met', resolution: 'met' },
  missed_response: { firstResponse: 'missed', resolution: 'met' },
  missed_resolution: { firstResponse: 'met', resolution: 'missed' },
  waiting_client: { firstResponse: 'met', resolution: 'paused' },
  waiting_vendor: { firstResponse: 'met', resolution: 'paused' },
  scheduled: { firstResponse: 'met', resolution: 'paused' },
  on_track: { firstResponse: 'met', resolution: 'on_track' },
  at_risk: { firstResponse: 'met', resolution: 'at_risk' },
  breached: { firstResponse: 'met', resolution: 'breached' },
  response_at_risk: { firstResponse: 'at_risk' },
  response_breached: { firstResponse: 'breached' },
};

// A weekday afternoon, a weekend night, a UK/NZ public holiday, the night US clocks fall back.
const nows = ['2026-03-04T15:00:00Z', '2026-03-08T03:00:00Z', '2026-04-06T10:00:00Z', '2026-11-01T07:30:00Z'];

describe.each(nows)('demo tickets planned at %s', (nowText) => {
  const now = new Date(nowText);
  const ctx = demoPlanContext(now);
  const plans = planDemoTickets(ctx, createRandom(2026));

  it('play their scenario under the SLA rules', () => {
    const outcomes = plans.imported.map((plan) => {
      const client = ctx.clients.find((c) => c.key === plan.client)!;
      const state = computeSlaState({
        events: toSlaEvents(plan),
        targets: client.targets,
        calendarFor: (p: Priority) => (p === 'P1' ? ctx.aroundTheClock : client.calendar),
        now: now.getTime(),
      });
      const want = expected[plan.scenario];
      return {
        scenario: plan.scenario,
        externalId: plan.externalId,
        firstResponse: want.firstResponse ? state.firstResponse.state : undefined,
        resolution: want.resolution ? state.resolution.state : undefined,
      };
    });
    expect(outcomes).toEqual(
      plans.imported.map((plan) => ({
        scenario: plan.scenario,
        externalId: plan.externalId,
        ...expected[plan.scenario],
      })),
    );
  });

  it('lie in the last weeks, never in the future, in creation order', () => {
    const instants = plans.imported.flatMap((plan) => plan.events.map((e) => Date.parse(e.at)));
    expect(Math.max(...instants)).toBeLessThan(now.getTime());
    expect(Math.min(...instants)).toBeGreaterThan(now.getTime() - 90 * 86_400_000);
    const created = plans.imported.map((plan) => plan.createdAt);
    expect(created).toEqual([...created].sort((a, b) => a - b));
    const times = plans.imported.flatMap((plan) => plan.time);
    expect(times.every((t) => t.startedAt + t.minutes * 60_000 <= now.getTime())).toBe(true);
  });

  it('give the scoped technician only Kauri Architects', () => {
    const scoped = [...plans.imported, ...plans.live].filter((p) => p.assignee === 'scopedTechnician');
    expect(scoped.length).toBeGreaterThan(5);
    expect(new Set(scoped.map((p) => p.client))).toEqual(new Set(['architects']));
  });
});

it('plans the same tickets from the same seed and now', () => {
  const ctx = demoPlanContext(new Date('2026-03-04T15:00:00Z'));
  const first = planDemoTickets(ctx, createRandom(7));
  expect(planDemoTickets(ctx, createRandom(7))).toEqual(first);
  expect(first.imported).toHaveLength(Object.values(scenarioCounts).reduce((a, b) => a + b, 0));
  expect(new Set(first.imported.map((p) => p.externalId)).size).toBe(first.imported.length);
});

it('knows when Easter falls', () => {
  expect([2024, 2025, 2026, 2027].map((y) => easterSunday(y).toString())).toEqual([
    '2024-03-31',
    '2025-04-20',
    '2026-04-05',
    '2027-03-28',
  ]);
});
