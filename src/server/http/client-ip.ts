// The client's address: the socket peer, or — only when that peer is a configured proxy — X-Forwarded-For.
import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** The socket peer's address; null for in-process requests (tests, benchmarks), which have no socket. */
export function peerAddress(c: Context): string | null {
  const env = c.env as { incoming?: { socket?: unknown } } | undefined;
  return env?.incoming?.socket ? (getConnInfo(c).remote.address ?? null) : null;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1)$/;

export function isLoopback(address: string): boolean {
  return LOOPBACK.test(normalizeAddress(address));
}

/** Addresses (and CIDR ranges) of reverse proxies whose X-Forwarded-For is believed. */
export interface TrustedProxies {
  has(address: string): boolean;
}

/** Strips the IPv4-mapped IPv6 form (`::ffff:10.0.0.1`) a dual-stack socket reports. */
function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped?.[1] ?? trimmed;
}

/**
 * Parses TRUST_PROXY: a comma-separated list of IP addresses and CIDR ranges, or `loopback`
 * (127.0.0.0/8 and ::1). Throws on an entry that is neither, naming it.
 */
export function parseTrustedProxies(list: string | undefined): TrustedProxies {
  const blocks = new BlockList();
  for (const raw of (list ?? '').split(',')) {
    const entry = raw.trim();
    if (!entry) continue;
    if (entry === 'loopback') {
      blocks.addSubnet('127.0.0.0', 8, 'ipv4');
      blocks.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', prefixText, ...rest] = entry.split('/');
    const version = isIP(address);
    const prefix = prefixText === undefined ? undefined : Number(prefixText);
    const maxPrefix = version === 6 ? 128 : 32;
    if (
      version === 0 ||
      rest.length > 0 ||
      (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxPrefix))
    ) {
      throw new Error(`"${entry}" is not an IP address, a CIDR range or "loopback"`);
    }
    const type = version === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) blocks.addAddress(address, type);
    else blocks.addSubnet(address, prefix, type);
  }
  return {
    has(address) {
      const normalized = normalizeAddress(address);
      const version = isIP(normalized);
      return version !== 0 && blocks.check(normalized, version === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

export const trustNoProxy: TrustedProxies = { has: () => false };

/**
 * Walks X-Forwarded-For from the right (the hop nearest us) past trusted proxies; the first address
 * that is not one is the client. A header from an untrusted peer is ignored, since anyone can send it.
 */
export function resolveClientIp(
  peer: string | null,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string | null {
  if (!peer) return null;
  let client = normalizeAddress(peer);
  if (!trusted.has(client) || !forwardedFor) return client;
  const hops = forwardedFor
    .split(',')
    .map(normalizeAddress)
    .filter((hop) => hop !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    if (isIP(hop) === 0) return client; // garbage in the chain: stop at the last address we could trust
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  return client;
}
