#!/usr/bin/env node
// accord serve | migrate | tenant create | demo | agent — the command line of the server and the agent.
// The server (main.ts and all it wires), the demo and backups load only for the commands that use them,
// so `accord agent run` on a client's machine starts without them.
import { parseArgs } from 'node:util';
import {
  AgentStateError,
  AgentUsageError,
  agentUsage,
  runAgentCommand,
  ServerError,
} from './agent/agent-command.ts';
import { BackupError } from './server/backup/backup-file.ts';
import { ConfigError, parseConfig } from './server/config.ts';
import { DataDirLockedError } from './server/db/data-dir-lock.ts';
import type { DemoSummary } from './server/demo/demo.ts';
import { DEMO_PASSWORD } from './server/demo/demo-data.ts';
import { passwordSchema, setupInputSchema } from './shared/api/identity.ts';

/** Errors whose message says it all: printed without a stack. The demo command adds its own. */
const plainErrors: (abstract new (...args: never[]) => Error)[] = [
  ConfigError,
  DataDirLockedError,
  BackupError,
  AgentUsageError,
  AgentStateError,
  ServerError,
];

const usage = `Usage: accord <command>

Commands:
  serve                      Apply migrations and serve the web app and API (default)
  migrate                    Apply migrations and exit
  tenant create --organization NAME --name NAME --email EMAIL [--password PASSWORD]
                             Add an MSP organization with its owner (password also read from ACCORD_PASSWORD)
  demo [--password PASSWORD] Load a demo MSP with staff, three clients and six weeks of tickets
                             (password also read from ACCORD_PASSWORD; default ${DEMO_PASSWORD})
  audit verify [--tenant ID] Recompute the audit hash chains; exits 1 naming the first bad seq
  backup --out FILE          Write a consistent backup of every table (PGlite: stop the server first)
  restore --in FILE [--force]
                             Load a backup (from either engine) into an empty database; --force replaces
${agentUsage}

Configuration comes from the environment: HOST, PORT, DATA_DIR, DATABASE_URL (see .env.example).`;

async function serveCommand() {
  const { startServer } = await import('./server/main.ts');
  const server = await startServer(parseConfig(process.env));
  console.log(`Accord is running at ${server.url}`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  // A stray rejection in a background job must not take the server down.
  process.on('unhandledRejection', (reason) => server.logger.error({ err: reason }, 'unhandled rejection'));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function migrateCommand() {
  const { openMigratedDatabase } = await import('./server/main.ts');
  const database = await openMigratedDatabase(parseConfig(process.env));
  await database.close();
  console.log('Migrations applied.');
}

async function tenantCreateCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      organization: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const input = setupInputSchema.safeParse({
    organizationName: values.organization,
    name: values.name,
    email: values.email,
    password: values.password ?? process.env.ACCORD_PASSWORD,
  });
  if (!input.success) {
    throw new ConfigError(input.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const { createServices, openMigratedDatabase } = await import('./server/main.ts');
  const database = await openMigratedDatabase(parseConfig(process.env));
  try {
    const created = await createServices({ db: database.handle.db }).auth.createTenant(input.data);
    console.log(`Created organization ${input.data.organizationName} (${created.tenantId}).`);
  } finally {
    await database.close();
  }
}

async function auditVerifyCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { tenant: { type: 'string' } } });
  const [{ openMigratedDatabase }, { runAuditVerify }] = await Promise.all([
    import('./server/main.ts'),
    import('./server/modules/audit/index.ts'),
  ]);
  const database = await openMigratedDatabase(parseConfig(process.env));
  try {
    process.exitCode = await runAuditVerify(database.handle.db, { tenantId: values.tenant });
  } finally {
    await database.close();
  }
}

async function demoCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { password: { type: 'string' } } });
  const password = passwordSchema.safeParse(values.password ?? process.env.ACCORD_PASSWORD ?? DEMO_PASSWORD);
  if (!password.success) throw new ConfigError(`--password: ${password.error.issues[0]?.message}`);
  const config = parseConfig(process.env);
  const [{ createServices, openMigratedDatabase }, { DemoExistsError, loadDemo }] = await Promise.all([
    import('./server/main.ts'),
    import('./server/demo/demo.ts'),
  ]);
  plainErrors.push(DemoExistsError);
  const database = await openMigratedDatabase(config);
  try {
    console.log('Loading the demo…');
    const services = createServices({ db: database.handle.db });
    printDemo(
      await loadDemo(database.handle.db, services, { password: password.data }),
      password.data,
      config,
    );
  } finally {
    await database.close();
  }
}

function printDemo(summary: DemoSummary, password: string, config: ReturnType<typeof parseConfig>) {
  const c = summary.counts;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  console.log(`Created ${summary.organization} in ${(summary.elapsedMs / 1000).toFixed(1)} s:
  ${summary.staff.length} staff, ${c.clients} clients (${c.sites} sites, ${c.contacts} contacts), ${c.calendars} calendars, ${c.slaPolicies} SLA policies
  ${c.tickets} tickets: ${c.open} open (${c.unassigned} unassigned), ${c.paused} paused, ${c.atRisk} at risk, ${c.breached} breached or missed
  ${c.agreements} agreements, ${c.timeEntries} time entries
  ${c.assets} assets, ${c.agents} of them with an agent

Sign in (password for everyone: ${password}):
${[...summary.staff, ...summary.vendorUsers, ...summary.clientUsers].map((s) => `  ${s.email.padEnd(30)} ${s.name} — ${s.title}`).join('\n')}

Then run \`npm start\` (same ${config.DATABASE_URL ? 'DATABASE_URL' : 'DATA_DIR'}) and open http://${host}:${config.PORT}`);
}

async function main(argv: string[]) {
  const [command = 'serve', ...rest] = argv;
  if (command === 'serve') return serveCommand();
  if (command === 'migrate') return migrateCommand();
  if (command === 'tenant' && rest[0] === 'create') return tenantCreateCommand(rest.slice(1));
  if (command === 'demo') return demoCommand(rest);
  if (command === 'audit' && rest[0] === 'verify') return auditVerifyCommand(rest.slice(1));
  if (command === 'backup') {
    return (await import('./server/backup/index.ts')).runBackupCommand(parseConfig(process.env), rest);
  }
  if (command === 'restore') {
    return (await import('./server/backup/index.ts')).runRestoreCommand(parseConfig(process.env), rest);
  }
  if (command === 'agent') return runAgentCommand(rest);
  console.error(usage);
  process.exitCode = command === 'help' || command === '--help' ? 0 : 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (plainErrors.some((type) => error instanceof type)) {
    console.error((error as Error).message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
