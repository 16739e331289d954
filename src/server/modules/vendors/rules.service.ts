// Rules of engagement: the MSP publishes versioned rules, a client may add its own addendum, and each
// vendor engagement acknowledges the versions in force — recorded by staff, or by the vendor itself
// through a one-time link that needs no account. A vendor whose acknowledgement is missing or outdated
// cannot have change requests accepted (vendor-standing.ts).
import type {
  Acknowledgement,
  AcknowledgementVia,
  EngagementRules,
  PublicRules,
  RulesHistory,
  RulesVersion,
} from '../../../shared/api/vendor-terms.ts';
import { ACKNOWLEDGEMENT_LINK_DAYS } from '../../../shared/api/vendor-terms.ts';
import type { Clock } from '../../clock.ts';
import { newSecret, sha256 } from '../../crypto.ts';
import type { ActionRunner } from '../../db/actions.ts';
import type { Database, Executor } from '../../db/client.ts';
import { AppError } from '../../http/app-error.ts';
import { type Actor, type RequestMeta, type Scope, tenantWideScope } from '../../http/scope.ts';
import { clientVisible } from '../assets/index.ts';
import { recordSecurityEvent } from '../audit/index.ts';
import { mspName } from './letter-parties.ts';
import * as repo from './rules.repository.ts';
import * as vendorRepo from './vendors.repository.ts';

const DAY_MS = 86_400_000;

const linkNotFound = () =>
  new AppError(
    'acknowledgement_link.not_found',
    'This link has been used or has expired: ask for a new one.',
  );

/** The versions in force for a client: the MSP's rules and the client's addendum (none when empty). */
export interface RulesInForce {
  rules: { version: number; text: string } | null;
  addendum: { version: number; text: string } | null;
}

export async function rulesInForce(db: Executor, tenantId: string, clientId: string): Promise<RulesInForce> {
  const [rules, addendum] = await Promise.all([
    repo.currentRules(db, tenantId, null),
    repo.currentRules(db, tenantId, clientId),
  ]);
  return {
    rules: rules ? { version: rules.version, text: rules.text } : null,
    addendum: addendum && addendum.text !== '' ? { version: addendum.version, text: addendum.text } : null,
  };
}

/** Whether an acknowledgement covers what is in force. */
export function coversRulesInForce(
  ack: { rulesVersion: number; addendumVersion: number | null },
  inForce: RulesInForce,
): boolean {
  if (!inForce.rules || ack.rulesVersion !== inForce.rules.version) return false;
  return inForce.addendum === null || ack.addendumVersion === inForce.addendum.version;
}

function toAcknowledgement(row: repo.AcknowledgementRow, inForce: RulesInForce): Acknowledgement {
  return {
    id: row.id,
    engagementId: row.engagementId,
    rulesVersion: row.rulesVersion,
    addendumVersion: row.addendumVersion,
    name: row.name,
    email: row.email,
    via: row.via,
    acknowledgedAt: row.acknowledgedAt.toISOString(),
    isCurrent: coversRulesInForce(row, inForce),
  };
}

/** Where an engagement stands, from what is in force and its acknowledgements (newest first). */
export function engagementStanding(
  inForce: RulesInForce,
  acks: readonly repo.AcknowledgementRow[],
): EngagementRules {
  const acknowledgements = acks.map((row) => toAcknowledgement(row, inForce));
  const status = !inForce.rules
    ? 'none'
    : acknowledgements.some((ack) => ack.isCurrent)
      ? 'acknowledged'
      : acknowledgements.length > 0
        ? 'outdated'
        : 'not_acknowledged';
  return {
    status,
    rulesVersion: inForce.rules?.version ?? null,
    addendumVersion: inForce.addendum?.version ?? null,
    acknowledgements,
  };
}

function toRulesVersion(row: repo.RulesVersionRow): RulesVersion {
  return {
    id: row.id,
    clientId: row.clientId,
    version: row.version,
    text: row.text,
    publishedAt: row.publishedAt.toISOString(),
    publishedByName: row.publishedByName,
  };
}

export function createRulesService(deps: { db: Database; actions: ActionRunner; clock: Clock }) {
  const { db, actions, clock } = deps;

  async function requireClient(tx: Executor, scope: Scope, clientId: string | null) {
    if (clientId !== null && !(await clientVisible(tx, scope, clientId))) {
      throw new AppError('client.not_found', 'Client not found.');
    }
  }

  async function requireEngagement(tx: Executor, scope: Scope, id: string) {
    const row = await vendorRepo.findEngagement(tx, scope, id);
    if (!row) throw new AppError('engagement.not_found', 'Engagement not found.');
    return row;
  }

  async function standingOf(tx: Executor, tenantId: string, engagement: { id: string; clientId: string }) {
    const [inForce, acks] = await Promise.all([
      rulesInForce(tx, tenantId, engagement.clientId),
      repo.listAcknowledgements(tx, tenantId, [engagement.id]),
    ]);
    return engagementStanding(inForce, acks);
  }

  /** The link's engagement with what the vendor is asked to acknowledge; 404 when there is nothing. */
  async function openLink(tx: Executor, token: string) {
    const link = await repo.links.findLive(tx, sha256(token), clock.now());
    if (!link) throw linkNotFound();
    const engagement = await vendorRepo.findEngagement(tx, tenantWideScope(link.tenantId), link.engagementId);
    if (!engagement || engagement.archivedAt) throw linkNotFound();
    const inForce = await rulesInForce(tx, link.tenantId, engagement.clientId);
    if (!inForce.rules) throw linkNotFound();
    return { link, engagement, inForce, rules: inForce.rules };
  }

  return {
    /** The MSP's rules (clientId null) or a client's addendum: every version, newest first. */
    async history(scope: Scope, clientId: string | null): Promise<RulesHistory> {
      await requireClient(db, scope, clientId);
      const versions = (await repo.listRulesVersions(db, scope.tenantId, clientId)).map(toRulesVersion);
      return { current: versions[0] ?? null, versions };
    },

    async publish(actor: Actor, clientId: string | null, text: string): Promise<RulesVersion> {
      if (clientId === null && text === '') {
        throw new AppError('request.invalid', 'The rules cannot be empty.', [
          { path: ['text'], message: 'Required' },
        ]);
      }
      const action = clientId === null ? 'engagement_rules.publish' : 'engagement_rules.publish_addendum';
      return actions.run(actor, action, async (tx, audit) => {
        const { tenantId } = actor.scope;
        await requireClient(tx, actor.scope, clientId);
        const current = await repo.currentRules(tx, tenantId, clientId);
        if ((current?.text ?? '') === text) {
          throw new AppError('engagement_rules.unchanged', 'This is already the version in force.');
        }
        const row = await repo.insertRulesVersion(tx, {
          tenantId,
          clientId,
          version: await repo.nextRulesVersion(tx, tenantId, clientId),
          text,
          publishedAt: clock.now(),
          publishedById: actor.scope.membershipId,
        });
        audit.target('engagement_rules', row.id);
        audit.change(current ? { version: current.version } : null, { version: row.version, clientId, text });
        const [version] = await repo.listRulesVersions(tx, tenantId, clientId);
        return toRulesVersion(version!);
      });
    },

    async standing(scope: Scope, engagementId: string): Promise<EngagementRules> {
      const engagement = await requireEngagement(db, scope, engagementId);
      return standingOf(db, scope.tenantId, engagement);
    },

    /**
     * Records that the vendor acknowledged the versions in force: by staff (the vendor said so by mail, on
     * the phone), or by the vendor's own person in the vendor portal.
     */
    async acknowledge(
      actor: Actor,
      engagementId: string,
      input: { name: string; email: string | null },
      via: Exclude<AcknowledgementVia, 'link'> = 'staff',
    ): Promise<EngagementRules> {
      return actions.run(actor, 'engagement_rules.acknowledge', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const engagement = await requireEngagement(tx, actor.scope, engagementId);
        const inForce = await rulesInForce(tx, tenantId, engagement.clientId);
        if (!inForce.rules) {
          throw new AppError(
            'engagement_rules.none',
            'Publish the rules of engagement before recording acknowledgements.',
          );
        }
        const row = await repo.insertAcknowledgement(tx, {
          tenantId,
          engagementId,
          rulesVersion: inForce.rules.version,
          addendumVersion: inForce.addendum?.version ?? null,
          name: input.name,
          email: input.email,
          via,
          recordedById: actor.scope.membershipId,
          acknowledgedAt: clock.now(),
        });
        audit.target('vendor_engagement', engagementId);
        audit.change(null, toAcknowledgement(row, inForce));
        return standingOf(tx, tenantId, engagement);
      });
    },

    /** A one-time link for the vendor; the token is returned once and only its hash kept. */
    async createLink(actor: Actor, engagementId: string): Promise<{ token: string; expiresAt: string }> {
      return actions.run(actor, 'engagement_rules.link', async (tx, audit) => {
        const { tenantId } = actor.scope;
        const engagement = await requireEngagement(tx, actor.scope, engagementId);
        if (engagement.archivedAt) {
          throw new AppError('engagement.archived', 'This engagement is archived: restore it first.');
        }
        if (!(await rulesInForce(tx, tenantId, engagement.clientId)).rules) {
          throw new AppError('engagement_rules.none', 'Publish the rules of engagement before sending them.');
        }
        const token = newSecret();
        const expiresAt = new Date(clock.now().getTime() + ACKNOWLEDGEMENT_LINK_DAYS * DAY_MS);
        await repo.links.insert(tx, {
          tenantId,
          engagementId,
          tokenHash: sha256(token),
          expiresAt,
          createdById: actor.scope.membershipId,
        });
        audit.target('vendor_engagement', engagementId);
        audit.change(null, { acknowledgementLink: { expiresAt: expiresAt.toISOString() } });
        return { token, expiresAt: expiresAt.toISOString() };
      });
    },

    /** What the vendor reads behind a link, with no sign-in. */
    async publicView(token: string): Promise<PublicRules> {
      const { link, engagement, inForce, rules } = await openLink(db, token);
      return {
        mspName: await mspName(db, link.tenantId),
        clientName: engagement.clientName,
        vendorName: engagement.vendorName,
        product: engagement.product,
        rules,
        addendum: inForce.addendum,
        expiresAt: link.expiresAt.toISOString(),
      };
    },

    /** The vendor acknowledges through the link: recorded once, and the link is spent. */
    async acknowledgeByLink(
      token: string,
      input: { name: string; email: string | null },
      meta: RequestMeta,
    ): Promise<void> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        const { link, inForce, rules } = await openLink(tx, token);
        if (!(await repo.links.use(tx, link, now))) throw linkNotFound();
        await repo.insertAcknowledgement(tx, {
          tenantId: link.tenantId,
          engagementId: link.engagementId,
          rulesVersion: rules.version,
          addendumVersion: inForce.addendum?.version ?? null,
          name: input.name,
          email: input.email,
          via: 'link',
          recordedById: null,
          acknowledgedAt: now,
        });
        await recordSecurityEvent(tx, {
          action: 'engagement_rules.acknowledged_by_link',
          tenantId: link.tenantId,
          identityId: null,
          membershipId: null,
          ...meta,
          occurredAt: now,
          target: { type: 'vendor_engagement', id: link.engagementId },
        });
      });
    },
  };
}

export type RulesService = ReturnType<typeof createRulesService>;
