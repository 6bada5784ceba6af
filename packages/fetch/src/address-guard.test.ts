import { describe, expect, it } from 'vitest';
import type { LookupAddress } from 'node:dns';
import { blockedReason, checkUrlTarget, createAddressPolicy, guardedLookup } from './address-guard.ts';

const none = createAddressPolicy();

describe('blockedReason', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.9.9.9', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['255.255.255.255', 'broadcast'],
    ['198.18.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fd00::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'ipv4Mapped'],
    ['::ffff:8.8.8.8', 'ipv4Mapped'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
  ])('refuses %s as %s', (address, range) => {
    expect(blockedReason(none, address)).toBe(range);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])('lets the public address %s through', (address) => {
    expect(blockedReason(none, address)).toBeUndefined();
  });

  it('allows exactly what the allow-list names, by address or CIDR', () => {
    const policy = createAddressPolicy(['127.0.0.1', '10.0.0.0/8']);
    expect(blockedReason(policy, '127.0.0.1')).toBeUndefined();
    expect(blockedReason(policy, '127.0.0.2')).toBe('loopback');
    expect(blockedReason(policy, '10.200.1.1')).toBeUndefined();
    expect(blockedReason(policy, '::ffff:127.0.0.1')).toBe('ipv4Mapped');
  });
});

describe('checkUrlTarget', () => {
  it.each([
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0x7f.0.0.1/',
    'http://0x7f000001/',
    'http://127.1/',
    'http://[::1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://0/',
    'http://169.254.169.254/latest/meta-data/',
  ])('refuses the loopback/internal literal %s before connecting', (url) => {
    expect(() => checkUrlTarget(none, new URL(url))).toThrow(expect.objectContaining({ code: 'fetch.blocked_address' }));
  });

  it('refuses schemes other than http and https', () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.org/', 'gopher://example.org/']) {
      expect(() => checkUrlTarget(none, new URL(url))).toThrow(expect.objectContaining({ code: 'fetch.blocked_address' }));
    }
  });

  it('leaves hostnames to the connect-time lookup', () => {
    expect(() => checkUrlTarget(none, new URL('https://example.org/'))).not.toThrow();
  });

  it('refuses decimal and hex forms of a non-allowed loopback address even when 127.0.0.1 is allowed', () => {
    const policy = createAddressPolicy(['127.0.0.1']);
    expect(() => checkUrlTarget(policy, new URL('http://2130706433/'))).not.toThrow();
    expect(() => checkUrlTarget(policy, new URL('http://2130706434/'))).toThrow(expect.objectContaining({ code: 'fetch.blocked_address' }));
    expect(() => checkUrlTarget(policy, new URL('http://0x7f000002/'))).toThrow(expect.objectContaining({ code: 'fetch.blocked_address' }));
  });
});

describe('guardedLookup', () => {
  function lookupWith(answers: LookupAddress[], allow: string[] = []) {
    const lookup = guardedLookup(createAddressPolicy(allow), async () => answers);
    return (all: boolean) =>
      new Promise<{ error: unknown; address: unknown }>((resolve) => {
        lookup('news.example', { all }, (error, address) => resolve({ error, address }));
      });
  }

  it('hands back every checked address when the connector asks for all', async () => {
    const result = await lookupWith([{ address: '93.184.216.34', family: 4 }])(true);
    expect(result).toEqual({ error: null, address: [{ address: '93.184.216.34', family: 4 }] });
  });

  it('refuses the host when any answer is internal, even if another is public', async () => {
    const result = await lookupWith([
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.5', family: 4 },
    ])(false);
    expect(result.error).toMatchObject({ code: 'fetch.blocked_address', details: { address: '10.0.0.5' } });
  });

  it('lets an allow-listed hostname resolve to internal addresses', async () => {
    const lookup = guardedLookup(createAddressPolicy(['news.example']), async () => [{ address: '10.0.0.5', family: 4 }]);
    const result = await new Promise<unknown>((resolve) => lookup('news.example', {}, (_error, address) => resolve(address)));
    expect(result).toBe('10.0.0.5');
  });
});
