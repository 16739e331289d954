// What an agent reports about its machine (POST /agent/v1/inventory), and the changes the server finds
// between two reports. `state` is what is compared: its SHA-256 decides whether anything changed, so
// agents send its lists sorted, and nothing in it moves on its own (no free space, no uptime, no backup
// times). What does move is `health`; what explains a change (log events, logon sessions) is evidence.
import { z } from 'zod';
import { assetSchema } from './assets.ts';
import { instantSchema } from './common.ts';
import { priorities } from './sla-policies.ts';
import { ticketStatuses } from './ticket-enums.ts';

/** Machine-reported text: trimmed, bounded. */
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);
/** Lists are bounded so one report cannot grow without limit. */
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max);
const localDate = z.iso.date();
const bytes = z
  .number()
  .int()
  .min(0)
  .max(2 ** 53 - 1);

export const inventorySections = [
  'software',
  'services',
  'accounts',
  'disks',
  'raid',
  'backups',
  'protection',
  'updates',
  'events',
  'sessions',
] as const;
export type InventorySection = (typeof inventorySections)[number];

export const softwareSources = ['dpkg', 'rpm', 'windows'] as const;
export const softwareSchema = z.strictObject({
  name: text(300),
  version: text(200),
  /** Architecture or publisher, as the package manager reports it. */
  publisher: optionalText(300),
  source: z.enum(softwareSources),
});
export type Software = z.infer<typeof softwareSchema>;

export const serviceStates = ['running', 'stopped', 'failed', 'other'] as const;
export const serviceStartModes = ['enabled', 'disabled', 'manual', 'other'] as const;
export const serviceSchema = z.strictObject({
  name: text(300),
  displayName: optionalText(300),
  state: z.enum(serviceStates),
  startMode: z.enum(serviceStartModes).nullable().default(null),
});
export type Service = z.infer<typeof serviceSchema>;

export const accountKinds = ['local', 'sql'] as const;
export const accountSchema = z.strictObject({
  name: text(200),
  /** Local accounts of the OS, or database logins (SQL Server's `sa`). */
  kind: z.enum(accountKinds).default('local'),
  groups: list(text(200), 200).default([]),
  disabled: z.boolean().default(false),
  /** Day the password last changed (Linux /etc/shadow), or the instant where the OS records it. */
  passwordChangedAt: z.union([localDate, instantSchema]).nullable().default(null),
});
export type Account = z.infer<typeof accountSchema>;

export const diskHealths = ['ok', 'failing', 'unknown'] as const;
export const diskSchema = z.strictObject({
  device: text(200),
  model: optionalText(200),
  serial: optionalText(200),
  health: z.enum(diskHealths),
  /** What the tool said, e.g. "SMART overall-health: FAILED" or "5 reallocated sectors". */
  detail: optionalText(500),
});
export type Disk = z.infer<typeof diskSchema>;

export const raidHealths = ['ok', 'degraded', 'rebuilding', 'failed'] as const;
export const raidSchema = z.strictObject({
  device: text(200),
  level: optionalText(50),
  health: z.enum(raidHealths),
  members: list(text(200), 64).default([]),
  failedMembers: list(text(200), 64).default([]),
});
export type Raid = z.infer<typeof raidSchema>;

export const backupSources = ['restic', 'json'] as const;
export const backupStatuses = ['ok', 'failed', 'unknown'] as const;
export const backupJobSchema = z.strictObject({
  name: text(200),
  source: z.enum(backupSources),
  /** The last run's outcome. */
  status: z.enum(backupStatuses),
  /** Recovery point objective: a backup older than this many hours is an alert. */
  rpoHours: z.number().int().min(1).max(8760),
});
export type BackupJob = z.infer<typeof backupJobSchema>;

export const protectionSchema = z.strictObject({
  product: text(200),
  enabled: z.boolean(),
  realTimeProtection: z.boolean().nullable().default(null),
});
export type Protection = z.infer<typeof protectionSchema>;

export const inventoryStateSchema = z.strictObject({
  hostname: text(255),
  os: text(100),
  osVersion: text(100),
  kernel: optionalText(200),
  /** Null where the collector is not available on this machine (see `notAvailable`). */
  software: list(softwareSchema, 20_000).nullable(),
  services: list(serviceSchema, 5_000).nullable(),
  accounts: list(accountSchema, 5_000).nullable(),
  disks: list(diskSchema, 256).nullable(),
  raid: list(raidSchema, 64).nullable(),
  backups: list(backupJobSchema, 100).nullable(),
  protection: list(protectionSchema, 20).nullable(),
});
export type InventoryState = z.infer<typeof inventoryStateSchema>;

export const volumeSchema = z.strictObject({
  mount: text(500),
  filesystem: optionalText(100),
  sizeBytes: bytes,
  freeBytes: bytes,
});
export type Volume = z.infer<typeof volumeSchema>;

export const backupRunSchema = z.strictObject({
  name: text(200),
  lastSuccessAt: instantSchema.nullable(),
  lastRunAt: instantSchema.nullable(),
});
export type BackupRun = z.infer<typeof backupRunSchema>;

export const inventoryHealthSchema = z.strictObject({
  uptimeSeconds: z
    .number()
    .int()
    .min(0)
    .max(100 * 365 * 86_400),
  volumes: list(volumeSchema, 256),
  /** Pending updates, null where the machine cannot tell. */
  pendingUpdates: z
    .strictObject({ count: z.number().int().min(0), security: z.number().int().min(0).nullable() })
    .nullable(),
  backupRuns: list(backupRunSchema, 100),
  /** Antivirus signatures' age in days where the product reports it. */
  signatureAgeDays: z.number().int().min(0).nullable().default(null),
});
export type InventoryHealth = z.infer<typeof inventoryHealthSchema>;

export const changeEventKinds = ['software', 'account', 'password', 'group', 'service'] as const;
/** A log entry that says who changed something: apt's Requested-By, a Windows Installer or Security event. */
export const changeEventSchema = z.strictObject({
  at: instantSchema,
  kind: z.enum(changeEventKinds),
  /** The package, account or service changed. */
  subject: text(300),
  /** What the log says happened, e.g. "install", "remove", "upgrade", "password reset". */
  action: text(100),
  /** The account that did it, where the log names one. */
  actor: optionalText(200),
  /** Where it was read, e.g. "apt history.log", "Windows event 11707". */
  source: text(100),
});
export type ChangeEvent = z.infer<typeof changeEventSchema>;

export const sessionKinds = ['ssh', 'rdp', 'console', 'other'] as const;
/** A logon session: who was on the machine, from where, when. */
export const sessionSchema = z.strictObject({
  user: text(200),
  from: optionalText(200),
  kind: z.enum(sessionKinds),
  startedAt: instantSchema,
  /** Null while still logged on. */
  endedAt: instantSchema.nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

export const inventoryInputSchema = z.strictObject({
  collectedAt: instantSchema,
  agentVersion: text(50),
  state: inventoryStateSchema,
  health: inventoryHealthSchema,
  /** Log events since a little before the agent's previous report. */
  events: list(changeEventSchema, 5_000).default([]),
  /** Logon sessions open at any time since a little before the previous report. */
  sessions: list(sessionSchema, 2_000).default([]),
  /** Sections whose collector could not run here, with why ("smartctl not installed"). */
  notAvailable: z.partialRecord(z.enum(inventorySections), text(300)).default({}),
});
/** A report without its state, for a node that compares the state by hash alone (agent-fast-path.ts). */
export const inventoryBesidesStateSchema = inventoryInputSchema.omit({ state: true });
export type InventoryInput = z.input<typeof inventoryInputSchema>;
export type Inventory = z.infer<typeof inventoryInputSchema>;

/**
 * The header in which an agent sends back the `basis` of the last receipt it was given. Its report can then
 * be taken without the database when it is unchanged: the node checks the basis against what it remembers
 * of the record, the agent's word that nothing was taken since that would make the record differ.
 */
export const INVENTORY_BASIS_HEADER = 'accord-inventory-basis';
export const basisSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const inventoryReceiptSchema = z.object({
  /** `changed` when the state differed from the last report, `unchanged`, or `duplicate` for a resend. */
  outcome: z.enum(['changed', 'unchanged', 'stale', 'duplicate']),
  changes: z.number().int(),
  /**
   * What the record holds once this report was taken — a hash of the state and of the alerts raised on
   * it: the next report's basis.
   */
  basis: basisSchema,
});
export type InventoryReceipt = z.infer<typeof inventoryReceiptSchema>;

export const assetChangeKinds = [
  'os.changed',
  'software.installed',
  'software.removed',
  'software.upgraded',
  'software.downgraded',
  'service.added',
  'service.removed',
  'service.changed',
  'account.added',
  'account.removed',
  'account.password_changed',
  'account.groups_changed',
  'account.enabled',
  'account.disabled',
  'disk.health_changed',
  'raid.health_changed',
  'backup.added',
  'backup.removed',
  'backup.changed',
  'protection.changed',
] as const;
export type AssetChangeKind = (typeof assetChangeKinds)[number];

/**
 * Whose doing a change was: inside an approved window (authorized), an allow-listed updater (routine),
 * nothing ties it to anyone (unattributed: triage, never charged to a vendor), or outside an approved
 * window through a vendor's account or while a vendor's session was open (vendor).
 */
export const changeOutcomes = ['authorized', 'routine', 'unattributed', 'vendor'] as const;
export type ChangeOutcome = (typeof changeOutcomes)[number];
export const changeOutcomeLabels: Record<ChangeOutcome, string> = {
  authorized: 'Authorized',
  routine: 'Routine',
  unattributed: 'Unattributed',
  vendor: 'Outside an approved window',
};

/** A change the server found between two of an asset's reports. */
export const assetChangeSchema = z.object({
  id: z.uuid(),
  assetId: z.uuid(),
  kind: z.enum(assetChangeKinds),
  /** The package, service, account, disk or backup job that changed. */
  subject: z.string(),
  /** Version, state or groups before and after; null for what was added or removed. */
  before: z.string().nullable(),
  after: z.string().nullable(),
  /** The logged time where a log names it, otherwise when the report that showed it was collected. */
  occurredAt: z.iso.datetime(),
  /** True when occurredAt comes from a log entry; otherwise the change happened after `since`. */
  timeFromLog: z.boolean(),
  /** The previous report's collection time: the change happened between it and the next report. */
  since: z.iso.datetime().nullable(),
  /** Who made it, where the OS recorded it. */
  actor: z.string().nullable(),
  actorSource: z.string().nullable(),
  /** Logon sessions open when it happened, when no log names the actor. */
  openSessions: z.array(
    z.object({ user: z.string(), from: z.string().nullable(), kind: z.enum(sessionKinds) }),
  ),
  detectedAt: z.iso.datetime(),
  /** Null for what nobody does (disk health, backup status). */
  outcome: z.enum(changeOutcomes).nullable(),
  vendorId: z.uuid().nullable(),
  vendorName: z.string().nullable(),
  changeRequestId: z.uuid().nullable(),
  /** Why the outcome, in words: the request's window, the vendor account or session, the routine actor. */
  outcomeReason: z.string().nullable(),
  /** True when staff re-judged it (the reason is then theirs). */
  rejudged: z.boolean(),
  /** The vendor incident ticket it opened or was added to. */
  ticketId: z.uuid().nullable(),
  assetName: z.string(),
  clientId: z.uuid(),
});
export type AssetChange = z.infer<typeof assetChangeSchema>;

/** An asset's latest report as staff see it. */
export const assetInventorySchema = z.object({
  assetId: z.uuid(),
  collectedAt: z.iso.datetime(),
  receivedAt: z.iso.datetime(),
  agentVersion: z.string(),
  state: inventoryStateSchema,
  health: inventoryHealthSchema,
  notAvailable: z.partialRecord(z.enum(inventorySections), z.string()),
});
export type AssetInventory = z.infer<typeof assetInventorySchema>;

/** Kinds by the part of the machine they are about, for filtering a change timeline. */
export const assetChangeGroups = [
  'os',
  'software',
  'service',
  'account',
  'disk',
  'raid',
  'backup',
  'protection',
] as const;

export const assetChangeQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  /** Comma-separated groups, e.g. "software,account". */
  group: z
    .string()
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.enum(assetChangeGroups)).max(assetChangeGroups.length))
    .optional(),
  /** Only changes at or after this instant. */
  since: instantSchema.optional(),
  /** Comma-separated outcomes (authorized, routine, unattributed, vendor). */
  outcome: z
    .string()
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.enum(changeOutcomes)).max(changeOutcomes.length))
    .optional(),
});
export type AssetChangeQuery = z.input<typeof assetChangeQuerySchema>;

/** Changes across the assets in scope: the triage list is `outcome=unattributed`. */
export const changeListQuerySchema = assetChangeQuerySchema.extend({
  clientId: z.uuid().optional(),
  vendorId: z.uuid().optional(),
});
export type ChangeListQuery = z.input<typeof changeListQuerySchema>;

/** Staff re-judging a change's outcome, with their reason (kept, and shown instead of Accord's). */
export const changeJudgementSchema = z
  .strictObject({
    outcome: z.enum(changeOutcomes),
    /** Required for `vendor`: the vendor the change is attributed to. */
    vendorId: z.uuid().nullable().default(null),
    reason: z.string().trim().min(1, 'Say why').max(2_000),
  })
  .refine((input) => input.outcome !== 'vendor' || input.vendorId, {
    path: ['vendorId'],
    message: 'Name the vendor the change is attributed to',
  });
export type ChangeJudgement = z.input<typeof changeJudgementSchema>;

/** The assets a ticket is about (replaces the set; every asset must be the ticket's client's). */
export const ticketAssetsInputSchema = z.strictObject({
  assetIds: z.array(z.uuid()).max(20, 'A ticket can name at most 20 assets'),
});
export type TicketAssetsInput = z.infer<typeof ticketAssetsInputSchema>;

/** How far back a ticket's assets show their changes: what changed just before the trouble. */
export const TICKET_CHANGE_HOURS = 72;

export const ticketAssetSchema = assetSchema.extend({
  /** Changes in the TICKET_CHANGE_HOURS before now, newest first (at most 20). */
  recentChanges: z.array(assetChangeSchema),
  recentChangeCount: z.number().int(),
});
export type TicketAsset = z.infer<typeof ticketAssetSchema>;

/** A ticket about an asset, as the asset's page lists it. */
export const assetTicketSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  title: z.string(),
  status: z.enum(ticketStatuses),
  priority: z.enum(priorities),
  openedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
});
export type AssetTicket = z.infer<typeof assetTicketSchema>;
