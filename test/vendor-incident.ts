// A vendor incident for tests: a client with an enrolled agent's server, and a vendor whose account
// installs a runtime there outside any approved window, which opens one incident ticket.
import { expect } from 'vitest';
import type { AssetChange } from '../src/shared/api/inventory.ts';
import type { startTestApp } from './http.ts';
import { inventoryReport } from './inventory-report.ts';

type TestApp = Awaited<ReturnType<typeof startTestApp>>;

const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
let keys = 0;

export async function vendorIncident(t: TestApp, tenant?: Awaited<ReturnType<TestApp['newTenant']>>) {
  const inTenant = tenant ?? (await t.newTenant());
  const { owner } = inTenant;
  const client = (await owner.post('/clients', { name: 'Lakeshore Dental' })).body;
  const vendor = (await owner.post('/vendors', { name: 'Dentrix Inc' })).body;
  const engagement = (
    await owner.post(`/vendors/${vendor.id}/engagements`, { clientId: client.id, product: 'Dentrix' })
  ).body;
  await owner.post(`/engagements/${engagement.id}/accounts`, {
    kind: 'os_user',
    identifier: 'dentrix-support',
  });
  const { token } = (await owner.post('/enrollment-tokens', { clientId: client.id })).body;
  const enrolled = await (
    await t.app.request('/agent/v1/enroll', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, hostname: 'LFD-SQL01', os: 'Windows Server', osVersion: '2022' }),
    })
  ).json();
  const report = async (minutes: number, withRuntime: boolean) => {
    const body = inventoryReport({ collectedAt: at(minutes) });
    if (withRuntime) {
      body.state.software!.push({
        name: 'dotnet-runtime',
        version: '8.0.1',
        publisher: 'x64',
        source: 'windows',
      });
      body.events = [
        {
          at: at(minutes - 5),
          kind: 'software',
          subject: 'dotnet-runtime',
          action: 'install',
          actor: 'dentrix-support',
          source: 'Windows event 11707',
        },
      ];
    }
    const answer = await t.app.request('/agent/v1/inventory', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${enrolled.credential}`,
        'idempotency-key': `reply-report-${++keys}`,
      },
      body: JSON.stringify(body),
    });
    expect(answer.status, await answer.clone().text()).toBe(200);
  };
  await report(0, false);
  await report(15, true);
  const [change] = (await owner.get(`/asset-changes?clientId=${client.id}`)).body.items as AssetChange[];
  expect(change).toMatchObject({ outcome: 'vendor', vendorId: vendor.id });
  return { ...inTenant, client, vendor, engagement, change: change!, ticketId: change!.ticketId! };
}
