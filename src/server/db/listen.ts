// LISTEN on a PostgreSQL notification channel, on either engine: every app node hears what any node
// NOTIFYs when its transaction commits. `onState(false)` says the listener may be missing messages (its
// connection dropped; it reconnects every few seconds), `onState(true)` that it hears everything again —
// a cache kept correct by these messages must not be trusted in between.
import type pg from 'pg';
import type { DatabaseHandle } from './client.ts';

export interface Listener {
  close(): Promise<void>;
}

const RECONNECT_MS = 5_000;

export async function listen(
  handle: DatabaseHandle,
  channel: string,
  onMessage: (payload: string) => void,
  onState: (hearing: boolean) => void,
  log: (error: unknown) => void = () => {},
): Promise<Listener> {
  if (handle.engine === 'pglite') {
    // One process, one database: nothing can be missed.
    const unlisten = await handle.pglite.listen(channel, onMessage);
    onState(true);
    return {
      async close() {
        onState(false);
        await unlisten();
      },
    };
  }
  const { pool } = handle;
  let client: pg.PoolClient | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const drop = (error?: unknown) => {
    if (error) log(error);
    onState(false);
    client?.release(true);
    client = null;
    if (!closed && !retry) retry = setTimeout(connect, RECONNECT_MS);
  };

  async function connect() {
    retry = null;
    if (closed) return;
    try {
      const next = await pool.connect();
      client = next;
      next.on('notification', (message) => {
        if (message.channel === channel) onMessage(message.payload ?? '');
      });
      next.on('error', drop);
      next.on('end', () => drop());
      await next.query(`LISTEN ${channel}`);
      onState(true);
    } catch (error) {
      drop(error);
    }
  }

  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      onState(false);
      client?.release(true);
      client = null;
    },
  };
}
