/**
 * Events in Redis: the one write script that commits a decision atomically, redirect-following
 * reads, and the EventView built from the stored article records.
 *
 * The commit is a single Lua script, so a decision lands completely or not at all (a worker that
 * dies mid-way leaves nothing half-written), and event ids are resolved through merge redirects
 * *inside* it: an article that decided to join event E while another worker merged E into F joins F.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Redis, Result } from 'ioredis';
import type { EntityKind, EventView, MembershipEvidence } from '@newsflow/contracts/documents';
import { eventIdFor, type DedupeKeys } from './keys.ts';
import type { CandidateEvent } from './cluster.ts';

/** The permanent record of one article (`P:a:{itemId}`, stored by `encodeArticleRecord`), short field names. */
export interface ArticleRecord {
  /** event id at assignment (follow redirects to read the current one) */
  e: string;
  /** outcome at assignment */
  o: 'new-event' | 'joined-event' | 'near-duplicate' | 'duplicate';
  /** duplicate of */
  d?: string;
  /** source id */
  s: string;
  /** language */
  l: string;
  /** title (cut to 300 characters) */
  t: string;
  /** published at (ISO) */
  p?: string;
  /** evidence */
  v: MembershipEvidence;
  /** entities: id, name, kind */
  x: [string, string, EntityKind][];
}

/**
 * How a record is stored: the permanent part of the index, so every byte counts once per article
 * forever. Raw deflate of its JSON with a preset dictionary (`RECORD_DICTIONARY`), behind a version
 * byte; the event id is left out when it is the article's own (`ev-{itemId}`), and the evidence's
 * shared entities are kept as ids, their names read back from the article's entities (`x`).
 * Records of the first layout (plain JSON, starting with `{`) are still read.
 */
const RECORD_V2 = 0x02;
const RECORD_DICTIONARY = Buffer.from(
  '"reason":"duplicate: same canonical URL as ","reason":"duplicate: same normalised text as ",' +
    '"reason":"near-duplicate of  (MinHash agreement 0.","reason":"new event (no candidate)",' +
    '"o":"near-duplicate","o":"duplicate","d":"","p":"2025-01-01T00:00:00.000Z","v":{"score":0.' +
    '"matchedItemId":"","sharedEntities":["Q"],"sharedTerms":[""],"reason":"new event (best match 0. below 0.5"},' +
    '"x":[["Q","","organisation"],["Q","","place"],["Q","","person"]]}{"o":"joined-event","s":"","l":"en","t":"',
);

type StoredEvidence = Omit<MembershipEvidence, 'sharedEntities'> & { sharedEntities: (string | { id: string; name: string })[] };
type StoredRecord = Omit<ArticleRecord, 'e' | 'v'> & { e?: string; v: StoredEvidence };

export function encodeArticleRecord(itemId: string, record: ArticleRecord): Buffer {
  const names = new Map(record.x.map(([id, name]) => [id, name]));
  const { e, v, ...rest } = record;
  const stored: StoredRecord = {
    ...(e === eventIdFor(itemId) ? {} : { e }),
    ...rest,
    v: { ...v, sharedEntities: v.sharedEntities.map((s) => (names.get(s.id) === s.name ? s.id : s)) },
  };
  const body = deflateRawSync(Buffer.from(JSON.stringify(stored)), { level: 9, dictionary: RECORD_DICTIONARY });
  return Buffer.concat([Buffer.from([RECORD_V2]), body]);
}

export function decodeArticleRecord(itemId: string, raw: Buffer): ArticleRecord {
  if (raw[0] === 0x7b) return JSON.parse(raw.toString()) as ArticleRecord; // first layout: '{'
  const stored = JSON.parse(inflateRawSync(raw.subarray(1), { dictionary: RECORD_DICTIONARY }).toString()) as StoredRecord;
  const names = new Map(stored.x.map(([id, name]) => [id, name]));
  return {
    ...stored,
    e: stored.e ?? eventIdFor(itemId),
    v: { ...stored.v, sharedEntities: stored.v.sharedEntities.map((s) => (typeof s === 'string' ? { id: s, name: names.get(s) ?? s } : s)) },
  };
}

export interface CommitPlan {
  item: string;
  outcome: ArticleRecord['o'];
  /** the new event's id, or the event joined (may have been merged since: resolved in the script) */
  eventId: string;
  pubMs: string;
  /** exact-duplicate map entries (`P:d:{bucket}` field) */
  urlBucket?: number;
  urlField?: string;
  textBucket: number;
  textField: string;
  /** publication-time slot of the article */
  slot: string;
  /** index entries: bucket, field, bucket, field … */
  postings: (number | string)[];
  cap: number;
  keepSlots: number;
  indexBuckets: number;
  featureBuckets: number;
  merges: { id: string; evidence: string }[];
  /** storyline pairs: bucket, field, bucket, field … (`P:sl:{bucket}`) */
  storylines: (number | string)[];
  storylineWindowMs: number;
  /** a pair whose last article is this much older (publication time) is dropped from a full bucket */
  storylineTtlMs: number;
  storylineBucketCap: number;
  newStorylineId: string;
}

const COMMIT = `
local p = ARGV[1]
local plan = cjson.decode(ARGV[2])
local token = ARGV[4]
local record = ARGV[5]
for i = 1, #KEYS do
  if redis.call('GET', KEYS[i]) ~= token then return {'lost-lock', '', '', ''} end
end
local akey = p .. ':a:' .. plan.item
if redis.call('EXISTS', akey) == 1 then return {'exists', '', '', ''} end

local function resolve(id)
  for _ = 1, 64 do
    local r = redis.call('HGET', p .. ':e:' .. id, 'r')
    if not r then return id end
    id = r
  end
  return id
end
local function pushAll(key, values)
  for i = 1, #values, 1000 do
    redis.call('RPUSH', key, unpack(values, i, math.min(i + 999, #values)))
  end
end
local function base36(n)
  local digits = '0123456789abcdefghijklmnopqrstuvwxyz'
  local s = ''
  repeat
    local d = n % 36
    s = string.sub(digits, d + 1, d + 1) .. s
    n = math.floor(n / 36)
  until n == 0
  return s
end

local pub = tonumber(plan.pubMs)
local ev
if plan.outcome == 'new-event' then
  ev = plan.eventId
  redis.call('HSET', p .. ':e:' .. ev, 'fs', plan.pubMs, 'ls', plan.pubMs, 'n', 0)
  redis.call('HINCRBY', p .. ':stats', 'events', 1)
else
  ev = resolve(plan.eventId)
end
local ekey = p .. ':e:' .. ev

if plan.outcome == 'duplicate' then
  redis.call('HINCRBY', ekey, 'dup', 1)
  redis.call('SET', akey, record)
  if #KEYS > 0 then redis.call('DEL', unpack(KEYS)) end
  return {'ok', '', ev, redis.call('HGET', ekey, 'sl') or ''}
end

local fs = tonumber(redis.call('HGET', ekey, 'fs') or plan.pubMs)
local ls = tonumber(redis.call('HGET', ekey, 'ls') or plan.pubMs)
local sl = redis.call('HGET', ekey, 'sl')

for _, m in ipairs(plan.merges) do
  local abs = resolve(m.id)
  if abs ~= ev then
    local xkey = p .. ':e:' .. abs
    -- Members: '.'-fields of the absorbed event's hash (and its list, in the first layout).
    local moved = redis.call('LRANGE', p .. ':em:' .. abs, 0, -1)
    local fields = redis.call('HKEYS', xkey)
    for _, f in ipairs(fields) do
      if string.sub(f, 1, 1) == '.' then moved[#moved + 1] = string.sub(f, 2) end
    end
    for _, m in ipairs(moved) do
      redis.call('HSET', ekey, '.' .. m, '')
      redis.call('HDEL', xkey, '.' .. m)
    end
    pushAll(p .. ':mx:' .. ev, redis.call('LRANGE', p .. ':mx:' .. abs, 0, -1))
    redis.call('RPUSH', p .. ':mx:' .. ev, m.evidence)
    local a = redis.call('HMGET', xkey, 'fs', 'ls', 'n', 'dup', 'sl')
    if a[1] then fs = math.min(fs, tonumber(a[1])) end
    if a[2] then ls = math.max(ls, tonumber(a[2])) end
    if a[3] then redis.call('HINCRBY', ekey, 'n', tonumber(a[3])) end
    if a[4] then redis.call('HINCRBY', ekey, 'dup', tonumber(a[4])) end
    if (not sl) and a[5] then sl = a[5]; redis.call('HSET', ekey, 'sl', sl) end
    redis.call('DEL', p .. ':em:' .. abs, p .. ':mx:' .. abs)
    redis.call('HSET', xkey, 'r', ev)
    redis.call('ZREM', p .. ':events', abs)
    redis.call('HINCRBY', p .. ':stats', 'events', -1)
  end
end

redis.call('HSET', ekey, '.' .. plan.item, '')
fs = math.min(fs, pub)
ls = math.max(ls, pub)
redis.call('HSET', ekey, 'fs', string.format('%d', fs), 'ls', string.format('%d', ls))
redis.call('HINCRBY', ekey, 'n', 1)
redis.call('ZADD', p .. ':events', ls, ev)
redis.call('HINCRBY', p .. ':stats', 'articles', 1)

-- Index and features, in the article's publication-time slot. A late article (a backfill, a replay
-- out of order) is indexed too, into its old slot: articles of the same backfill find each other;
-- that slot is swept again when the newest slot next moves on.
local slot = tonumber(plan.slot)
local maxs = tonumber(redis.call('GET', p .. ':maxslot') or '-1')
local n = redis.call('INCR', p .. ':seq')
local seq = base36(n)
redis.call('HSET', p .. ':fb:' .. plan.slot .. ':' .. (n % plan.featureBuckets), seq, ARGV[3])
for i = 1, #plan.postings, 2 do
  local k = p .. ':x:' .. plan.slot .. ':' .. plan.postings[i]
  local f = plan.postings[i + 1]
  local v = redis.call('HGET', k, f)
  if v then
    v = v .. ',' .. seq
    local count = select(2, string.gsub(v, ',', ',')) + 1
    while count > plan.cap do
      v = string.sub(v, string.find(v, ',', 1, true) + 1)
      count = count - 1
    end
  else
    v = seq
  end
  redis.call('HSET', k, f, v)
end
redis.call('ZADD', p .. ':slots', slot, plan.slot)
if slot > maxs then
  redis.call('SET', p .. ':maxslot', plan.slot)
  -- Sweep: slots at or below slot - keepSlots are out of every lookup window of the newest articles.
  local dead = redis.call('ZRANGEBYSCORE', p .. ':slots', '-inf', slot - plan.keepSlots)
  for _, d in ipairs(dead) do
    local batch = {}
    for b = 0, plan.indexBuckets - 1 do batch[#batch + 1] = p .. ':x:' .. d .. ':' .. b end
    for b = 0, plan.featureBuckets - 1 do batch[#batch + 1] = p .. ':fb:' .. d .. ':' .. b end
    for i = 1, #batch, 1000 do
      redis.call('UNLINK', unpack(batch, i, math.min(i + 999, #batch)))
    end
    redis.call('ZREM', p .. ':slots', d)
  end
end
if plan.urlField then redis.call('HSETNX', p .. ':d:' .. plan.urlBucket, plan.urlField, plan.item) end
redis.call('HSETNX', p .. ':d:' .. plan.textBucket, plan.textField, plan.item)

-- Storyline pairs: field of P:sl:{bucket} → 'storylineId|last publication ms'.
local function pairOf(i)
  local v = redis.call('HGET', p .. ':sl:' .. plan.storylines[i], plan.storylines[i + 1])
  if not v then return nil, nil end
  local bar = string.find(v, '|', 1, true)
  return string.sub(v, 1, bar - 1), tonumber(string.sub(v, bar + 1))
end
if not sl then
  for i = 1, #plan.storylines, 2 do
    local id, last = pairOf(i)
    if id and math.abs(pub - last) <= plan.storylineWindowMs then sl = id; break end
  end
  if (not sl) and #plan.storylines > 0 then sl = plan.newStorylineId end
  if sl then redis.call('HSET', ekey, 'sl', sl) end
end
if sl then
  for i = 1, #plan.storylines, 2 do
    local _, last = pairOf(i)
    local key = p .. ':sl:' .. plan.storylines[i]
    local added = redis.call('HSET', key, plan.storylines[i + 1], sl .. '|' .. string.format('%d', math.max(last or 0, pub)))
    -- A full bucket drops the pairs whose last article is a TTL older than this one (publication time).
    -- Scanned when a new pair lands in it, once every 32 new pairs past the cap: a bucket whose pairs
    -- are all still fresh (10k articles a day keep ≈ 300 pairs a bucket) is not re-read by every commit.
    -- Stale pairs decide nothing (a pair counts only within storylineWindowMs), so this only bounds memory.
    local size = added == 1 and redis.call('HLEN', key) or 0
    if size > plan.storylineBucketCap and (size - plan.storylineBucketCap - 1) % 32 == 0 then
      local all = redis.call('HGETALL', key)
      for j = 1, #all, 2 do
        local v = all[j + 1]
        if pub - tonumber(string.sub(v, string.find(v, '|', 1, true) + 1)) > plan.storylineTtlMs then redis.call('HDEL', key, all[j]) end
      end
    end
  end
end

redis.call('SET', akey, record)
-- Release the locks (their token was checked above).
if #KEYS > 0 then redis.call('DEL', unpack(KEYS)) end
return {'ok', seq, ev, sl or ''}
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    nfDedupeCommit(numKeys: number, ...args: (string | number | Buffer)[]): Result<[string, string, string, string], Context>;
  }
}

export function defineEventCommands(redis: Redis): void {
  if (typeof (redis as unknown as Record<string, unknown>)['nfDedupeCommit'] === 'function') return;
  redis.defineCommand('nfDedupeCommit', { lua: COMMIT });
}

export type CommitStatus = 'ok' | 'lost-lock' | 'exists';

export async function commit(
  redis: Redis,
  keys: DedupeKeys,
  lock: { keys: readonly string[]; token: string },
  plan: CommitPlan,
  record: Buffer,
  features: Buffer,
): Promise<{ status: CommitStatus; seq: string; eventId: string; storylineId?: string }> {
  const [status, seq, eventId, storylineId] = await redis.nfDedupeCommit(
    lock.keys.length,
    ...lock.keys,
    keys.prefix,
    JSON.stringify(plan),
    features,
    lock.token,
    record,
  );
  return { status: status as CommitStatus, seq, eventId, ...(storylineId ? { storylineId } : {}) };
}

/** Follow merge redirects to the event that holds the articles now. */
export async function resolveEvent(redis: Redis, keys: DedupeKeys, eventId: string): Promise<string> {
  let id = eventId;
  for (let i = 0; i < 64; i++) {
    const next = await redis.hget(keys.event(id), 'r');
    if (!next) return id;
    id = next;
  }
  return id;
}

/** Current event (redirects followed) with its time span, for many event ids at once. */
export async function readCandidateEvents(redis: Redis, keys: DedupeKeys, ids: readonly string[]): Promise<Map<string, CandidateEvent>> {
  const out = new Map<string, CandidateEvent>();
  let pending = [...new Set(ids)];
  const redirectOf = new Map<string, string>();
  for (let hop = 0; hop < 64 && pending.length > 0; hop++) {
    const pipeline = redis.pipeline();
    for (const id of pending) pipeline.hmget(keys.event(id), 'r', 'fs', 'ls');
    const rows = (await pipeline.exec()) ?? [];
    const next: string[] = [];
    rows.forEach(([error, value], i) => {
      if (error) throw error;
      const id = pending[i]!;
      const [r, fs, ls] = value as (string | null)[];
      if (r) {
        redirectOf.set(id, r);
        if (!out.has(r) && !redirectOf.has(r)) next.push(r);
      } else {
        out.set(id, { id, firstSeenMs: Number(fs ?? 0), lastSeenMs: Number(ls ?? 0) });
      }
    });
    pending = [...new Set(next)];
  }
  for (const id of new Set(ids)) {
    let target = id;
    for (let i = 0; i < 64 && redirectOf.has(target); i++) target = redirectOf.get(target)!;
    const event = out.get(target);
    if (event) out.set(id, event);
  }
  return out;
}

export async function readArticle(redis: Redis, keys: DedupeKeys, itemId: string): Promise<ArticleRecord | undefined> {
  const raw = await redis.getBuffer(keys.article(itemId));
  return raw ? decodeArticleRecord(itemId, raw) : undefined;
}

export async function readEventView(redis: Redis, keys: DedupeKeys, eventId: string): Promise<EventView | undefined> {
  const id = await resolveEvent(redis, keys, eventId);
  const rows = (await redis
    .pipeline()
    .hgetall(keys.event(id))
    .lrange(keys.members(id), 0, -1)
    .lrange(keys.merges(id), 0, -1)
    .exec()) ?? [];
  for (const [error] of rows) if (error) throw error;
  const [hash, memberIds, merges] = rows.map(([, value]) => value);
  const event = hash as Record<string, string>;
  if (!event['fs']) return undefined;
  // Members: the list of the first layout, then the '.'-fields of the hash (in insertion order).
  const ids = [...(memberIds as string[]), ...Object.keys(event).filter((f) => f.startsWith('.')).map((f) => f.slice(1))];
  const raws = ids.length > 0 ? await redis.mgetBuffer(...ids.map((i) => keys.article(i))) : [];
  const articles: EventView['articles'] = [];
  const languages = new Map<string, number>();
  const entities = new Map<string, { id: string; name: string; kind: EntityKind; articles: number }>();
  const evidence: EventView['evidence'] = [];
  raws.forEach((raw, i) => {
    if (!raw) return;
    const itemId = ids[i]!;
    const record = decodeArticleRecord(itemId, raw);
    articles.push({
      itemId,
      sourceId: record.s,
      language: record.l,
      title: record.t,
      ...(record.p ? { publishedAt: record.p } : {}),
      ...(record.d ? { duplicateOf: record.d } : {}),
      evidence: record.v,
    });
    languages.set(record.l, (languages.get(record.l) ?? 0) + 1);
    for (const [entityId, name, kind] of record.x) {
      const entry = entities.get(entityId) ?? { id: entityId, name, kind, articles: 0 };
      entry.articles++;
      entities.set(entityId, entry);
    }
    evidence.push({ ...record.v, itemId, kind: 'membership' });
  });
  for (const raw of merges as string[]) {
    evidence.push({ ...(JSON.parse(raw) as MembershipEvidence & { itemId: string }), kind: 'merge' });
  }
  // The title is the founding article's (event ids are `ev-{itemId}` of it); the first layout kept it in the hash.
  const founder = id.startsWith('ev-') ? id.slice(3) : undefined;
  const title = event['t'] ?? articles.find((a) => a.itemId === founder)?.title ?? (founder ? (await readArticle(redis, keys, founder))?.t : undefined);
  const view: EventView = {
    id,
    title: title ?? '',
    languages: [...languages.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([l]) => l),
    firstSeen: new Date(Number(event['fs'] ?? 0)).toISOString(),
    lastSeen: new Date(Number(event['ls'] ?? 0)).toISOString(),
    articles,
    entities: [...entities.values()].sort((a, b) => b.articles - a.articles || (a.id < b.id ? -1 : 1)),
    evidence,
  };
  if (event['sl']) view.storylineId = event['sl'];
  return view;
}
