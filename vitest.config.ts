import { defineConfig } from 'vitest/config';

// Test tiers, named by file suffix (CONVENTIONS.md §10). The DB and route tiers run once per engine:
// PGlite always, PostgreSQL when TEST_DATABASE_URL is set. Pure tests also run under a far-off zone.
const pure = ['src/**/*.test.ts'];
const notPure = ['src/**/*.db.test.ts', 'src/**/*.routes.test.ts'];
// test/authz holds the cross-module authorization matrix and test/stories the product brief's stories end
// to end; both need a database like the route tier.
const database = [
  'src/**/*.db.test.ts',
  'src/**/*.routes.test.ts',
  'test/authz/*.test.ts',
  'test/fuzz/*.test.ts',
  'test/stories/*.test.ts',
];

const engines = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores, which on a 2-core runner is one: every file in
    // turn. The browser journeys spend much of their time waiting (on the browser, on a new TOTP step),
    // so a second worker lets other tests use that time.
    maxWorkers: 2,
    projects: [
      ...['UTC', 'Pacific/Chatham'].map((tz) => ({
        test: { name: `unit (${tz})`, include: pure, exclude: notPure, env: { TZ: tz } },
      })),
      ...engines.map((engine) => ({
        test: {
          name: `db (${engine})`,
          include: database,
          env: { TZ: 'UTC', ACCORD_TEST_ENGINE: engine },
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Files share a worker's modules instead of importing the whole app again each (a third of the
          // tier's time): every file starts its own app on its own database, and a file that mocks a
          // module imports the app afresh after vi.resetModules.
          isolate: false,
        },
      })),
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          env: { TZ: 'UTC' },
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // expect.poll as patient as the locators: its default second is short for a page load.
          expect: { poll: { timeout: 10_000 } },
          // Each journey has its own server, data directory and browser, so journeys share the two workers
          // with the other tiers: a project kept to one file at a time would only start after all of them.
        },
      },
    ],
  },
});
