// A dispatcher triages what agents detected: an enrolled machine's two reports leave changes nothing ties to
// anyone; the Detected changes view of the Changes page lists them, one is judged routine with a reason,
// and the asset's Changes tab shows its badge, the reason and that staff re-judged it.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { AgentEnrolled } from '../src/shared/api/agents.ts';
import { agentReports, postAgentApi } from './agent-reports.ts';
import { type Harness, SHOTS_DIR, shot, startHarness } from './harness.ts';
import { browserApi, completeSetup, heading, see } from './journeys.ts';

const REMOVED = 'Removed telnet 0.17';
const REASON = 'Our patch run removed telnet; the vendor only watched';

let harness: Harness;
let page: Page;
let enrolled: AgentEnrolled;

beforeAll(async () => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  harness = await startHarness();
  page = await harness.newPage();
});

afterAll(async () => {
  await harness?.close();
});

const agentCall = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  postAgentApi(harness.url, path, body, headers);

describe.sequential('detected changes', () => {
  test('an enrolled machine reports twice', async () => {
    await completeSetup(page);
    const api = browserApi(page);
    const client = await api.post<{ id: string }>('/clients', { name: 'Contoso Ltd' });
    const { token } = await api.post<{ token: string }>('/enrollment-tokens', { clientId: client.id });
    const answer = await agentCall('/enroll', {
      token,
      hostname: 'fs01',
      os: 'Debian GNU/Linux',
      osVersion: '12',
      type: 'server',
    });
    expect(answer.status).toBe(201);
    enrolled = answer.body;
    const auth = { authorization: `Bearer ${enrolled.credential}` };
    const [first, second] = agentReports(Date.now());
    expect(
      (await agentCall('/inventory', first, { ...auth, 'idempotency-key': 'e2e-detected-0001' })).status,
    ).toBe(200);
    const receipt = await agentCall('/inventory', second, {
      ...auth,
      'idempotency-key': 'e2e-detected-0002',
    });
    expect(receipt.body).toMatchObject({ outcome: 'changed' });
  });

  test('the Detected changes view lists the unattributed changes to triage', async () => {
    await page.goto('/changes');
    await heading(page, 'Changes');
    await page.getByText('Detected changes', { exact: true }).click();
    await page.waitForURL(/\/changes\/detected/);
    const table = page.getByRole('table', { name: 'Detected changes' });
    const row = table.getByRole('row').filter({ hasText: REMOVED });
    await row.getByRole('link', { name: 'fs01' }).waitFor();
    await row.getByText('Contoso Ltd').waitFor();
    await row.getByText('Sessions open: vendor-tech (ssh from 203.0.113.7)').waitFor();
    // Health changes are nobody's doing: never in triage.
    expect(await table.getByText(/Disk \/dev\/sdb/).count()).toBe(0);
    await shot(page, 'detected-changes-triage');
  });

  test('judging a change routine takes it off the list and the asset shows it re-judged', async () => {
    const table = page.getByRole('table', { name: 'Detected changes' });
    await table.getByRole('row').filter({ hasText: REMOVED }).getByRole('button', { name: 'Judge' }).click();
    const dialog = page.getByRole('dialog', { name: 'Judge this change' });
    await dialog.getByText(REMOVED).waitFor();
    // A reason is required.
    await dialog.getByRole('radio', { name: /^Routine/ }).check();
    await dialog.getByRole('button', { name: 'Judge' }).click();
    await dialog.getByText('Say why', { exact: false }).waitFor();
    // Outside an approved window asks for the vendor.
    await dialog.getByRole('radio', { name: /^Outside an approved window/ }).check();
    await dialog.getByRole('combobox', { name: 'Vendor' }).waitFor();
    await shot(page, 'detected-changes-judge-vendor');
    await dialog.getByRole('radio', { name: /^Routine/ }).check();
    await dialog.getByRole('textbox', { name: 'Reason' }).fill(REASON);
    await shot(page, 'detected-changes-judge');
    await dialog.getByRole('button', { name: 'Judge' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => table.getByText(REMOVED).count()).toBe(0);

    await page.goto(`/assets/${enrolled.assetId}?tab=changes`);
    await heading(page, 'fs01');
    const item = page.getByRole('listitem').filter({ hasText: REMOVED });
    await item.getByText('Routine', { exact: true }).waitFor();
    await item.getByText('Re-judged', { exact: true }).waitFor();
    await item.getByText(REASON).waitFor();
    // Changes nobody judged still read as Accord found them.
    const installed = page.getByRole('listitem').filter({ hasText: 'Installed accord-test-pkg 1.0' });
    await installed
      .getByText(/Unattributed|Routine|Authorized/)
      .first()
      .waitFor();
    await shot(page, 'asset-changes-outcomes', { fullPage: true });

    await page.getByRole('combobox', { name: 'Outcome' }).click();
    await page.getByRole('option', { name: 'Routine', exact: true }).click();
    await see(page, REMOVED);
    // The filter is the server's: the list changes once its answer arrives.
    await expect.poll(() => page.getByText('Upgraded dotnet-runtime').count()).toBe(0);
    await shot(page, 'asset-changes-routine');
  });
});
