import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { PermanentError } from '@newsflow/contracts/errors';

/**
 * SSRF guard. Only globally routable unicast addresses are fetched; everything ipaddr.js classifies
 * otherwise (loopback, private, link-local, unspecified, multicast, CGNAT, broadcast, reserved,
 * IPv4-mapped/translated IPv6, 6to4, Teredo, unique-local …) is refused unless the allow-list
 * names it. Hostnames are checked in the connector's DNS lookup, so the address checked is the
 * address connected; IP literals never reach a lookup, so callers check them with `checkUrlTarget`.
 */

type Address = ipaddr.IPv4 | ipaddr.IPv6;

export interface AddressPolicy {
  readonly ranges: ReadonlyArray<[Address, number]>;
  readonly hosts: ReadonlySet<string>;
}

/** Resolves a hostname to every address it has. Injectable so tests can play DNS answers. */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

function normaliseHost(host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare.toLowerCase().replace(/\.$/, '');
}

/**
 * Builds the allow-list: CIDRs (`127.0.0.0/8`, `::1/128`), single addresses (`127.0.0.1`) or
 * hostnames (`intranet.example`, whose resolved addresses are then all allowed).
 */
export function createAddressPolicy(allow: readonly string[] = []): AddressPolicy {
  const ranges: [Address, number][] = [];
  const hosts = new Set<string>();
  for (const entry of allow) {
    const trimmed = normaliseHost(entry.trim());
    if (trimmed === '') continue;
    if (trimmed.includes('/')) {
      ranges.push(ipaddr.parseCIDR(trimmed));
    } else if (isIP(trimmed) !== 0) {
      const address = ipaddr.parse(trimmed);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else {
      hosts.add(trimmed);
    }
  }
  return { ranges, hosts };
}

/** Why an address is refused (its ipaddr.js range), or `undefined` when it may be fetched. */
export function blockedReason(policy: AddressPolicy, address: string): string | undefined {
  let parsed: Address;
  try {
    parsed = ipaddr.parse(normaliseHost(address));
  } catch {
    return 'unparseable';
  }
  for (const [base, bits] of policy.ranges) {
    if (base.kind() === parsed.kind() && parsed.match(base, bits)) return undefined;
  }
  const range = parsed.range();
  return range === 'unicast' ? undefined : range;
}

function blocked(host: string, address: string, reason: string): PermanentError {
  return new PermanentError('fetch.blocked_address', `refusing ${host}: ${address} is ${reason}`, {
    details: { host, address, range: reason },
  });
}

/**
 * Checks a URL before any connection: scheme http(s) only, and IP-literal hosts (which undici
 * connects without a lookup) against the policy. The WHATWG URL parser has already turned
 * decimal, octal and hex IPv4 forms (`2130706433`, `0177.0.0.1`, `0x7f.1`) into dotted quads.
 */
export function checkUrlTarget(policy: AddressPolicy, url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PermanentError('fetch.blocked_address', `refusing ${url.protocol} URL: only http and https are fetched`, {
      details: { url: url.href },
    });
  }
  const host = normaliseHost(url.hostname);
  if (policy.hosts.has(host)) return;
  if (isIP(host) !== 0) {
    const reason = blockedReason(policy, host);
    if (reason !== undefined) throw blocked(host, host, reason);
  }
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls.connect (undici's `connect.lookup`): resolves, refuses the whole host if
 * any answer is blocked, and hands the connector exactly the answers it checked.
 */
export function guardedLookup(policy: AddressPolicy, resolver: Resolver = systemResolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const host = normaliseHost(hostname);
    resolver(host).then(
      (answers) => {
        const wanted = options.family === 4 || options.family === 6 ? answers.filter((a) => a.family === options.family) : answers;
        if (wanted.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`no address for ${host}`);
          error.code = 'ENOTFOUND';
          callback(error, []);
          return;
        }
        if (!policy.hosts.has(host)) {
          for (const answer of wanted) {
            const reason = blockedReason(policy, answer.address);
            if (reason !== undefined) {
              callback(blocked(host, answer.address, reason) as unknown as NodeJS.ErrnoException, []);
              return;
            }
          }
        }
        if (options.all === true) callback(null, wanted);
        else callback(null, wanted[0]?.address ?? '', wanted[0]?.family ?? 4);
      },
      (error: NodeJS.ErrnoException) => callback(error, []),
    );
  };
}
