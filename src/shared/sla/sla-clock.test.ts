// Table-driven cases for the SLA clocks: what stops the first response, what pauses the resolution, states.
import { describe, expect, it } from 'vitest';
import type { Case } from './sla-fixtures.ts';
import { call, created, monday, note, ny, reply, run, status, view } from './sla-fixtures.ts';

function check({ events, now, firstResponse, resolution, reopenWindowDays }: Case) {
  const state = run(events, now, reopenWindowDays);
  if (firstResponse) expect(view(state.firstResponse)).toMatchObject(firstResponse);
  if (resolution) expect(view(state.resolution)).toMatchObject(resolution);
}

describe('first response clock', () => {
  it.each<Case>([
    {
      name: 'is met by a public staff reply',
      events: [monday, reply('11-16 11:00')],
      now: '11-16 12:00',
      firstResponse: {
        state: 'met',
        stoppedAt: '11-16 11:00',
        dueAt: '11-16 14:00',
        businessMinutesUsed: 60,
      },
    },
    {
      name: 'is not met by a contact reply',
      events: [monday, reply('11-16 11:00', 'contact')],
      now: '11-16 12:00',
      firstResponse: { state: 'on_track', stoppedAt: null, businessMinutesUsed: 120 },
    },
    {
      name: 'is not met by an automatic acknowledgement, and is at risk at 75 % used',
      events: [monday, reply('11-16 10:00', 'system')],
      now: '11-16 13:00',
      firstResponse: { state: 'at_risk', stoppedAt: null, businessMinutesUsed: 180 },
    },
    {
      name: 'is on track one minute before 75 % used',
      events: [monday, reply('11-16 10:00', 'system')],
      now: '11-16 12:59',
      firstResponse: { state: 'on_track', businessMinutesUsed: 179 },
    },
    {
      name: 'is not met by an internal note, and is breached at the due instant',
      events: [monday, note('11-16 10:05')],
      now: '11-16 15:00',
      firstResponse: {
        state: 'breached',
        breachedAt: '11-16 14:00',
        stoppedAt: null,
        businessMinutesUsed: 300,
      },
    },
    {
      name: 'is met by a logged call',
      events: [monday, call('11-16 10:30')],
      now: '11-16 12:00',
      firstResponse: { state: 'met', stoppedAt: '11-16 10:30', businessMinutesUsed: 30 },
    },
    {
      name: 'is met by resolution',
      events: [monday, status('11-16 11:00', 'resolved')],
      now: '11-16 12:00',
      firstResponse: { state: 'met', stoppedAt: '11-16 11:00', businessMinutesUsed: 60 },
    },
    {
      name: 'is met by closing without a reply',
      events: [monday, status('11-16 11:00', 'closed')],
      now: '11-16 12:00',
      firstResponse: { state: 'met', stoppedAt: '11-16 11:00' },
    },
    {
      name: 'is met by a reply within the due minute (instants are truncated)',
      events: [monday, { type: 'public_reply', at: ny('11-16 14:00') + 59_999, author: 'staff' }],
      now: '11-16 15:00',
      firstResponse: { state: 'met', stoppedAt: '11-16 14:00', breachedAt: null, businessMinutesUsed: 240 },
    },
    {
      name: 'is missed by a late reply, breached at the due instant',
      events: [monday, reply('11-16 14:30')],
      now: '11-16 15:00',
      firstResponse: { state: 'missed', stoppedAt: '11-16 14:30', breachedAt: '11-16 14:00' },
    },
    {
      // The resolution clock is paused from 10:10 while the first response keeps running; the
      // resolution due is where it would fall if resumed now: 950 left from Mon 14:30 -> Wed 14:20.
      name: 'never pauses, even while the resolution clock waits on the client',
      events: [monday, status('11-16 10:10', 'pending_client')],
      now: '11-16 14:30',
      firstResponse: { state: 'breached', breachedAt: '11-16 14:00', businessMinutesUsed: 270 },
      resolution: {
        state: 'paused',
        pauseReason: 'client',
        pausedSince: '11-16 10:10',
        pausedMinutes: { client: 260, vendor: 0, scheduled: 0 },
        businessMinutesUsed: 10,
        dueAt: '11-18 14:20',
      },
    },
  ])('$name', check);
});

const noPause = { client: 0, vendor: 0, scheduled: 0 };

describe('resolution clock', () => {
  it.each<Case>([
    {
      name: 'does not pause for an open status',
      events: [monday, status('11-16 10:15', 'open')],
      now: '11-16 12:00',
      resolution: { state: 'on_track', businessMinutesUsed: 120, pausedMinutes: noPause, pausedSince: null },
    },
    {
      // Paused Mon 16–17 and Tue 09–11; the due moves from Wed 10:00 by those 180 minutes.
      name: 'pauses while waiting on the client’s vendor',
      events: [
        monday,
        status('11-16 10:15', 'open'),
        status('11-16 16:00', 'pending_vendor'),
        status('11-17 11:00', 'open'),
      ],
      now: '11-17 12:00',
      resolution: {
        state: 'on_track',
        pausedMinutes: { client: 0, vendor: 180, scheduled: 0 },
        businessMinutesUsed: 420,
        dueAt: '11-18 13:00',
        pauseReason: null,
      },
    },
    {
      // 840 minutes left, counted from now (Tue 12:00): Tue 300 + Wed 480 + Thu 60.
      name: 'pauses while scheduled at the client’s request',
      events: [monday, status('11-16 12:00', 'scheduled')],
      now: '11-17 12:00',
      resolution: {
        state: 'paused',
        pauseReason: 'scheduled',
        pausedSince: '11-16 12:00',
        pausedMinutes: { client: 0, vendor: 0, scheduled: 480 },
        businessMinutesUsed: 120,
        dueAt: '11-19 10:00',
      },
    },
    {
      name: 'reports paused minutes per reason (vendor straight to scheduled switches the reason)',
      events: [
        monday,
        status('11-16 11:00', 'pending_client'),
        status('11-16 12:00', 'open'),
        status('11-16 13:00', 'pending_vendor'),
        status('11-16 14:00', 'scheduled'),
        status('11-16 15:30', 'open'),
      ],
      now: '11-16 16:00',
      resolution: {
        state: 'on_track',
        pausedMinutes: { client: 60, vendor: 60, scheduled: 90 },
        businessMinutesUsed: 150,
        dueAt: '11-18 13:30',
      },
    },
    {
      name: 'counts a pause from Friday closing to Monday opening as 0 minutes',
      events: [
        created('11-20 10:00'),
        status('11-20 17:00', 'pending_client'),
        status('11-23 09:00', 'open'),
      ],
      now: '11-23 10:00',
      resolution: { pausedMinutes: noPause, businessMinutesUsed: 480, dueAt: '11-24 10:00' },
    },
    {
      name: 'counts only the business minutes of a pause over a weekend',
      events: [
        created('11-20 10:00'),
        status('11-20 16:00', 'pending_client'),
        status('11-23 10:00', 'open'),
      ],
      now: '11-23 11:00',
      resolution: {
        pausedMinutes: { client: 120, vendor: 0, scheduled: 0 },
        businessMinutesUsed: 420,
        dueAt: '11-24 12:00',
      },
    },
    {
      name: 'is on track one minute before 75 % used',
      events: [monday, reply('11-16 10:30')],
      now: '11-17 13:59',
      resolution: { state: 'on_track', businessMinutesUsed: 719 },
    },
    {
      name: 'is at risk at 75 % used',
      events: [monday, reply('11-16 10:30')],
      now: '11-17 14:00',
      resolution: { state: 'at_risk', businessMinutesUsed: 720 },
    },
    {
      name: 'is not yet breached at the due instant itself',
      events: [monday],
      now: '11-18 10:00',
      resolution: { state: 'at_risk', businessMinutesUsed: 960, breachedAt: null },
    },
    {
      name: 'is breached past the due, at the due instant',
      events: [monday],
      now: '11-18 11:00',
      resolution: {
        state: 'breached',
        breachedAt: '11-18 10:00',
        dueAt: '11-18 10:00',
        businessMinutesUsed: 1020,
      },
    },
    {
      name: 'stays breached when paused after the due',
      events: [monday, status('11-18 10:30', 'pending_client')],
      now: '11-18 12:00',
      resolution: {
        state: 'breached',
        breachedAt: '11-18 10:00',
        pauseReason: 'client',
        businessMinutesUsed: 990,
      },
    },
    {
      name: 'is met when resolved at the due instant',
      events: [monday, status('11-18 10:00', 'resolved')],
      now: '11-18 12:00',
      resolution: { state: 'met', stoppedAt: '11-18 10:00', breachedAt: null, businessMinutesUsed: 960 },
    },
    {
      name: 'is missed when resolved a minute late',
      events: [monday, status('11-18 10:01', 'resolved')],
      now: '11-18 12:00',
      resolution: {
        state: 'missed',
        stoppedAt: '11-18 10:01',
        breachedAt: '11-18 10:00',
        businessMinutesUsed: 961,
      },
    },
    {
      name: 'stops at the first resolution; closing later changes nothing',
      events: [monday, status('11-16 15:00', 'resolved'), status('11-17 09:00', 'closed')],
      now: '11-17 12:00',
      resolution: { state: 'met', stoppedAt: '11-16 15:00', businessMinutesUsed: 300, dueAt: '11-18 10:00' },
    },
  ])('$name', check);
});
