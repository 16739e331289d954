// The demo's assets and agents: each client's CMDB entered by hand, and machines enrolled with the agent
// whose reports (sent oldest first, collected before the demo's now) make the change timelines and the
// alert tickets. Everything goes through the real services and the schemas the API parses with.
import {
  agentEnrollInputSchema,
  enrollmentTokenInputSchema,
  heartbeatInputSchema,
} from '../../shared/api/agents.ts';
import { assetInputSchema, assetUpdateSchema } from '../../shared/api/assets.ts';
import { inventoryInputSchema } from '../../shared/api/inventory.ts';
import type { Services } from '../app.ts';
import { createActionRunner } from '../db/actions.ts';
import type { Database } from '../db/client.ts';
import type { Actor } from '../http/scope.ts';
import { createAgentService } from '../modules/agents/index.ts';
import type { Reporter } from '../modules/inventory/index.ts';
import { handAssets } from './demo-assets-data.ts';
import { type AgentMachineSeed, agentMachines } from './demo-assets-machines.ts';
import { demoReports } from './demo-assets-reports.ts';
import type { ClientKey } from './demo-data.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const AGENT_VERSION = '0.1.0';

export interface DemoClientRef {
  id: string;
  siteIds: string[];
}

export interface DemoAssets {
  assets: number;
  agents: number;
  /** The tickets the server opened from the agents' reports. */
  alertTicketIds: string[];
}

/** The local date `months` from `now` (warranties end on a day, not an instant). */
function monthsFrom(now: Date, months: number): string {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() + months);
  return date.toISOString().slice(0, 10);
}

export async function seedDemoAssets(
  db: Database,
  services: Services,
  actor: Actor,
  clients: Record<ClientKey, DemoClientRef>,
  now: Date,
): Promise<DemoAssets> {
  let assets = 0;
  for (const [key, seeds] of Object.entries(handAssets) as [ClientKey, (typeof handAssets)[ClientKey]][]) {
    for (const { site, warrantyMonths, ...seed } of seeds) {
      const input = assetInputSchema.parse({
        ...seed,
        clientId: clients[key].id,
        siteId: clients[key].siteIds[site],
        warrantyEndsOn: warrantyMonths === undefined ? null : monthsFrom(now, warrantyMonths),
      });
      await services.assets.create(actor, input);
      assets++;
    }
  }

  // An agent service on the demo's clock, so agents enrolled (and the silent one last beat) days ago;
  // it writes no audited actions, so it needs no audit hook.
  let pastNow = now;
  const pastAgents = createAgentService({
    db,
    actions: createActionRunner(db),
    clock: { now: () => pastNow },
  });

  const tokens = new Map<string, string>();
  async function tokenFor(seed: AgentMachineSeed): Promise<string> {
    const siteId = clients[seed.client].siteIds[seed.site];
    const key = `${seed.client}/${siteId}`;
    if (!tokens.has(key)) {
      const machines = agentMachines.filter((m) => m.client === seed.client && m.site === seed.site);
      const input = enrollmentTokenInputSchema.parse({
        clientId: clients[seed.client].id,
        siteId,
        maxUses: machines.length,
      });
      tokens.set(key, (await services.agents.createEnrollmentToken(actor, input)).token);
    }
    return tokens.get(key)!;
  }

  const enrolled: { seed: AgentMachineSeed; agent: Reporter }[] = [];
  for (const seed of agentMachines) {
    pastNow = new Date(now.getTime() - seed.enrolledDaysAgo * DAY_MS);
    const { agentId, assetId } = await pastAgents.enroll(
      agentEnrollInputSchema.parse({
        token: await tokenFor(seed),
        hostname: seed.hostname,
        os: seed.os,
        osVersion: seed.osVersion,
        serial: seed.serial,
        type: seed.type,
      }),
      { ip: null, userAgent: `accord-agent/${AGENT_VERSION}`, requestId: null },
    );
    // What the MSP adds once the machine shows up: how much it matters, its warranty, notes.
    await services.assets.update(
      actor,
      assetId,
      assetUpdateSchema.parse({
        criticality: seed.criticality,
        warrantyEndsOn: seed.warrantyMonths === undefined ? null : monthsFrom(now, seed.warrantyMonths),
        notes: seed.notes,
        isStandard: seed.type !== 'server',
      }),
    );
    const agent = { tenantId: actor.scope.tenantId, agentId, assetId };
    enrolled.push({ seed, agent });
    assets++;
  }

  // Reports, oldest first for each machine (the server orders them by collection time).
  for (const { seed, agent } of enrolled) {
    for (const [index, report] of demoReports(seed, now).entries()) {
      await services.inventory.receive(
        agent,
        `demo:${agent.agentId}:${index}`,
        inventoryInputSchema.parse(report),
      );
    }
  }

  // Online agents beat now; the silent one last beat when it went quiet.
  const beat = (uptimeSeconds: number) =>
    heartbeatInputSchema.parse({ sentAt: pastNow.toISOString(), uptimeSeconds, agentVersion: AGENT_VERSION });
  for (const { seed, agent } of enrolled) {
    if (seed.silentForHours === undefined) {
      pastNow = now;
      services.agents.recordHeartbeat(agent, beat(3 * 86_400));
    } else {
      pastNow = new Date(now.getTime() - seed.silentForHours * HOUR_MS);
      pastAgents.recordHeartbeat(agent, beat(9 * 3600));
      await pastAgents.flushHeartbeats();
    }
  }
  await services.agents.flushHeartbeats();

  const alertTicketIds: string[] = [];
  for (const { agent } of enrolled) {
    for (const ticket of await services.ticketAssets.ticketsOf(actor.scope, agent.assetId)) {
      alertTicketIds.push(ticket.id);
    }
  }
  return { assets, agents: enrolled.length, alertTicketIds };
}
