// One real Accord server (fresh PGlite data directory, free port) and one headless Chromium per spec file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { Clock } from '../src/server/clock.ts';
import { parseConfig } from '../src/server/config.ts';
import { startServer } from '../src/server/main.ts';

/** Screenshots for people to look at; ACCORD_SHOTS_DIR moves them. */
export const SHOTS_DIR = process.env.ACCORD_SHOTS_DIR ?? join(tmpdir(), 'accord-shots');

export interface Harness {
  url: string;
  /** The server's inbound SMTP listener, when the spec asked for one. */
  inboundSmtpPort: number | null;
  browser: Browser;
  /** A fresh browser context (own cookies) with one page, at 1280x720. */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * `env` adds to the server's configuration (e.g. INBOUND_SMTP_PORT: '0' for a listener on a free port);
 * `clock` is the server's (a spec that moves the server's time; the browser keeps its own).
 */
export async function startHarness(
  env: Record<string, string> = {},
  options: { clock?: Clock } = {},
): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'accord-e2e-'));
  const cleanups: (() => Promise<unknown>)[] = [() => rm(dataDir, { recursive: true, force: true })];
  const close = async () => {
    // Last started, first stopped; keep going so one failure does not leak the rest.
    for (const cleanup of cleanups.reverse())
      await cleanup().catch((error) => console.error('[e2e] cleanup:', error));
  };
  try {
    const server = await startServer(
      parseConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env }),
      options,
    );
    cleanups.push(() => server.stop());
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    cleanups.push(() => browser.close());
    return {
      url: server.url,
      inboundSmtpPort: server.inboundSmtpPort,
      browser,
      async newPage() {
        const context = await browser.newContext({
          baseURL: server.url,
          viewport: { width: 1280, height: 720 },
          locale: 'en-GB',
          timezoneId: 'UTC',
        });
        context.setDefaultTimeout(10_000);
        return context.newPage();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Saves a screenshot for people to look at (never compared automatically); toasts hidden unless asked for. */
export async function shot(
  page: Page,
  name: string,
  options: { fullPage?: boolean; withToasts?: boolean } = {},
) {
  // Let transitions settle so the picture shows the screen, not the animation.
  await page.waitForTimeout(250);
  const hide = options.withToasts
    ? null
    : await page.addStyleTag({ content: '.mantine-Notifications-root { display: none !important; }' });
  await page.screenshot({ path: join(SHOTS_DIR, `${name}.png`), fullPage: options.fullPage ?? false });
  await hide?.evaluate((element) => (element as Element).remove());
}
