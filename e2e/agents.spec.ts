// An admin enrolls a client's machine: creates an enrollment token in Settings → Agents, sees its install
// command once, the machine enrolls with it and shows up as an agent and as one of the client's assets. Its
// two inventory reports show on the asset page (the report, and the changes with who made them); revoking
// the agent shows it revoked and its credential is refused.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AgentEnrolled } from '../src/shared/api/agents.ts';
import { agentReports, postAgentApi } from './agent-reports.ts';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, choose, completeSetup, heading, see } from './journeys.ts';

const CLIENT = 'Contoso Ltd';
const SITE = 'Head office';

let harness: Harness;
let page: Page;
let clientId = '';
let token = '';
let enrolled: AgentEnrolled;

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

/** A call to the agent API, as the agent on the machine makes it (no cookies, its own credential). */
const agentCall = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  postAgentApi(harness.url, path, body, headers);

const agentsTable = () => page.getByRole('table', { name: 'Agents' });
const tokensTable = () => page.getByRole('table', { name: 'Enrollment tokens' });

describe.sequential('agents', () => {
  test('the owner has a client with a site', async () => {
    await completeSetup(page);
    const api = browserApi(page);
    clientId = (await api.post<{ id: string }>('/clients', { name: CLIENT })).id;
    await api.post(`/clients/${clientId}/sites`, { name: SITE, timeZone: 'Europe/London' });
  });

  test('a new enrollment token shows its install command once', async () => {
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Agents' }).click();
    await heading(page, 'Agents');
    await see(page, 'No enrollment tokens yet');

    await page.getByRole('button', { name: 'New enrollment token' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'New enrollment token' });
    await choose(page, 'Client', CLIENT, { type: true });
    await choose(page, 'Site', SITE);
    expect(await dialog.getByRole('textbox', { name: 'Expires in (hours)' }).inputValue()).toBe('72');
    expect(await dialog.getByRole('textbox', { name: 'Maximum uses' }).inputValue()).toBe('1');
    await dialog.getByRole('button', { name: 'Create token' }).click();

    const created = page.getByRole('dialog', { name: 'Enrollment token created' });
    await created.getByText('You will not see this token again').waitFor();
    token = ((await created.getByLabel('Token', { exact: true }).textContent()) ?? '').trim();
    const command = (await created.getByLabel('Install command', { exact: true }).textContent()) ?? '';
    expect(token.length).toBeGreaterThan(20);
    expect(command).toContain(`accord agent enroll --server ${harness.url} --token ${token}`);
    await created.getByRole('button', { name: 'Copy install command' }).waitFor();
    await shot(page, 'agents-token-created');
    await created.getByRole('button', { name: 'I have copied it' }).click();
    await created.waitFor({ state: 'hidden' });

    // Listed without the token: only its client, status and uses.
    const row = tokensTable().getByRole('row').filter({ hasText: CLIENT });
    await row.getByText('Active').waitFor();
    await row.getByText('0 / 1').waitFor();
    expect(await page.getByText(token).count()).toBe(0);
  });

  test('a machine enrolls with the token and shows as an agent and as one of the client’s assets', async () => {
    const answer = await agentCall('/enroll', {
      token,
      hostname: 'fs01',
      os: 'Debian GNU/Linux',
      osVersion: '12',
      type: 'server',
    });
    expect(answer.status).toBe(201);
    enrolled = answer.body;
    const beat = await agentCall(
      '/heartbeat',
      { sentAt: new Date().toISOString(), uptimeSeconds: 3600, agentVersion: '0.2.0' },
      { authorization: `Bearer ${enrolled.credential}` },
    );
    expect(beat.status).toBe(204);
    // The token was for one machine: a second one is refused.
    expect(
      (await agentCall('/enroll', { token, hostname: 'fs02', os: 'Debian GNU/Linux', osVersion: '12' }))
        .status,
    ).toBeGreaterThanOrEqual(400);

    await page.reload();
    await heading(page, 'Agents');
    await tokensTable().getByRole('row').filter({ hasText: CLIENT }).getByText('Used up').waitFor();
    await tokensTable().getByText('1 / 1').waitFor();
    const row = agentsTable().getByRole('row').filter({ hasText: 'fs01' });
    await row.getByText(CLIENT).waitFor();
    // Heartbeats are written in batches: the last-seen time may take a moment.
    await expect
      .poll(
        async () => {
          await page.reload();
          const agent = agentsTable().getByRole('row').filter({ hasText: 'fs01' });
          await agent.waitFor();
          return agent.getByText('Online').count();
        },
        { timeout: 15_000, interval: 1000 },
      )
      .toBe(1);
    await shot(page, 'agents-settings');

    await page.goto(`/clients/${clientId}?tab=assets`);
    await page.getByRole('table', { name: 'Assets' }).getByRole('link', { name: 'fs01' }).waitFor();
    await page.getByRole('button', { name: 'Enroll a machine' }).waitFor();
    await shot(page, 'client-assets-enroll');

    // No report yet: the inventory says how one arrives.
    await page.goto(`/assets/${enrolled.assetId}?tab=inventory`);
    await see(page, 'No inventory yet');
    await page.getByRole('link', { name: 'Go to Settings → Agents' }).waitFor();
    await shot(page, 'asset-inventory-empty');
  });

  test('its two reports show as the inventory and the changes, with who made them', async () => {
    const [first, second] = agentReports(Date.now());
    const auth = { authorization: `Bearer ${enrolled.credential}` };
    expect(
      (await agentCall('/inventory', first, { ...auth, 'idempotency-key': 'e2e-report-0001' })).status,
    ).toBe(200);
    const receipt = await agentCall('/inventory', second, { ...auth, 'idempotency-key': 'e2e-report-0002' });
    expect(receipt.body).toMatchObject({ outcome: 'changed' });

    await page.goto(`/assets/${enrolled.assetId}`);
    await heading(page, 'fs01');
    await page.getByRole('tab', { name: 'Inventory' }).click();
    const volumes = page.getByRole('region', { name: 'Volumes' });
    await volumes.getByText('/srv/shares').waitFor();
    await page.getByRole('progressbar', { name: /\/srv\/shares: .*low on space/ }).waitFor();
    await see(page, /Older than its RPO/);
    await see(page, 'Not available: no antivirus status is reported on Linux');
    await page.getByRole('textbox', { name: 'Search packages' }).fill('dotnet');
    await page.getByRole('table', { name: 'Software' }).getByText('8.0.1').waitFor();
    await shot(page, 'asset-inventory', { fullPage: true });

    await page.getByRole('tab', { name: 'Changes' }).click();
    await see(page, 'Upgraded dotnet-runtime 6.0.25 → 8.0.1');
    await see(page, 'by alice · apt history.log');
    await see(page, 'Installed accord-test-pkg 1.0');
    await see(page, 'Sessions open: vendor-tech (ssh from 203.0.113.7)');
    await shot(page, 'asset-changes', { fullPage: true });

    // The account change was listed before the filter too, so wait for the software change to go.
    await page.getByText('Accounts', { exact: true }).click();
    await page.getByText('Upgraded dotnet-runtime').waitFor({ state: 'detached' });
    await see(page, 'Password changed for sa (SQL login)');
  });

  test('the failing disk opened a ticket about the asset, which shows what changed on it lately', async () => {
    await page.goto(`/assets/${enrolled.assetId}?tab=tickets`);
    const tickets = page.getByRole('table', { name: 'Tickets about this asset' });
    await tickets.getByText('Disk failing: /dev/sdb on fs01').waitFor();
    await tickets.getByText('RAID degraded: md0 on fs01').waitFor();
    await shot(page, 'asset-tickets');

    await tickets.getByText('Disk failing: /dev/sdb on fs01').click();
    await heading(page, 'Disk failing: /dev/sdb on fs01');
    const assets = page.getByRole('region', { name: 'Assets' });
    await assets.getByRole('link', { name: 'fs01' }).waitFor();
    await assets.getByText(/\d+ changes in the last 72 hours/).waitFor();
    await assets.getByText('Disk /dev/sdb health: ok → failing').waitFor();
    await shot(page, 'ticket-assets');
  });

  test('a revoked agent shows as revoked and its credential is refused', async () => {
    await page.goto('/settings/agents');
    await heading(page, 'Agents');
    await agentsTable().getByRole('button', { name: 'Revoke the agent on fs01' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke agent?' });
    await confirm
      .getByText("the agent's credential on fs01 is refused from its next call", { exact: false })
      .waitFor();
    await confirm.getByRole('button', { name: 'Revoke agent' }).click();
    await agentsTable().getByRole('row').filter({ hasText: 'fs01' }).getByText('Revoked').waitFor();
    await expect
      .poll(() => agentsTable().getByRole('button', { name: 'Revoke the agent on fs01' }).count())
      .toBe(0);

    const beat = await agentCall(
      '/heartbeat',
      { sentAt: new Date().toISOString(), uptimeSeconds: 3700, agentVersion: '0.2.0' },
      { authorization: `Bearer ${enrolled.credential}` },
    );
    expect(beat.status).toBe(401);
    await shot(page, 'agents-revoked');

    await page.goto('/settings/audit-log');
    await see(page, 'Agent revoked');
    await see(page, 'Enrollment token created');
    await shot(page, 'audit-log-agents');
  });
});
