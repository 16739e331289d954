#!/usr/bin/env node
// accord serve | migrate | tenant create — the command line of the server.
import { parseArgs } from 'node:util';
import { ConfigError, parseConfig } from './server/config.ts';
import { DataDirLockedError } from './server/db/data-dir-lock.ts';
import { createServices, openMigratedDatabase, startServer } from './server/main.ts';
import { setupInputSchema } from './shared/api/identity.ts';

const usage = `Usage: accord <command>

Commands:
  serve                      Apply migrations and serve the web app and API (default)
  migrate                    Apply migrations and exit
  tenant create --organization NAME --name NAME --email EMAIL [--password PASSWORD]
                             Add an MSP organization with its owner (password also read from ACCORD_PASSWORD)

Configuration comes from the environment: HOST, PORT, DATA_DIR, DATABASE_URL (see .env.example).`;

async function serveCommand() {
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
  process.on('unhandledRejection', (reason) => console.error('Unhandled rejection:', reason));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function migrateCommand() {
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
  const database = await openMigratedDatabase(parseConfig(process.env));
  try {
    const created = await createServices({ db: database.handle.db }).auth.createTenant(input.data);
    console.log(`Created organization ${input.data.organizationName} (${created.tenantId}).`);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]) {
  const [command = 'serve', ...rest] = argv;
  if (command === 'serve') return serveCommand();
  if (command === 'migrate') return migrateCommand();
  if (command === 'tenant' && rest[0] === 'create') return tenantCreateCommand(rest.slice(1));
  console.error(usage);
  process.exitCode = command === 'help' || command === '--help' ? 0 : 2;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
