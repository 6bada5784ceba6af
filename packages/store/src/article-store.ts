import type { Redis } from 'ioredis';
import type { Stage } from '@newsflow/contracts/stages';
import type {
  CleanDocument,
  DedupeResult,
  EntitiesResult,
  LanguageResult,
  RawDocument,
} from '@newsflow/contracts/documents';
import type { ErrorCode } from '@newsflow/contracts/errors';

/** What each stage stores for an item, by stage. */
export interface StageDocuments {
  fetch: RawDocument;
  clean: CleanDocument;
  language: LanguageResult;
  entities: EntitiesResult;
  dedupe: DedupeResult;
}

/** How an item's trip through the pipeline ended. */
export type ItemOutcome =
  | { status: 'done'; stage: Stage; at: string; eventId: string; result: DedupeResult['outcome'] }
  | { status: 'failed'; stage: Stage; at: string; code: ErrorCode; message: string };

export interface ItemRecord {
  itemId: string;
  sourceId?: string;
  outcome?: ItemOutcome;
}

export interface ArticleStoreOptions {
  redis: Redis;
  prefix: string;
  /** How long raw bodies are kept once fetched (they are large; the documents stay). */
  bodyTtlSeconds?: number;
  /** Entries kept in the outcome stream. */
  outcomeStreamLength?: number;
}

/**
 * Per-item documents in Redis, one hash per item (`<prefix>:doc:<itemId>`, one field per stage),
 * the raw body in its own key with a TTL, and an outcome stream (`<prefix>:outcomes`) that
 * replays and live pages follow. Writes are idempotent: writing the same document twice
 * leaves the same state.
 */
export class ArticleStore {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #bodyTtl: number;
  readonly #streamLength: number;

  constructor(options: ArticleStoreOptions) {
    this.#redis = options.redis;
    this.#prefix = options.prefix;
    this.#bodyTtl = options.bodyTtlSeconds ?? 7 * 24 * 3600;
    this.#streamLength = options.outcomeStreamLength ?? 100_000;
  }

  docKey(itemId: string): string {
    return `${this.#prefix}:doc:${itemId}`;
  }

  bodyKey(itemId: string): string {
    return `${this.#prefix}:body:${itemId}`;
  }

  get outcomeStreamKey(): string {
    return `${this.#prefix}:outcomes`;
  }

  async putRaw(raw: RawDocument, body: Uint8Array): Promise<void> {
    await this.#redis
      .multi()
      .set(this.bodyKey(raw.itemId), Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'EX', this.#bodyTtl)
      .hset(this.docKey(raw.itemId), 'fetch', JSON.stringify(raw), 'sourceId', raw.sourceId)
      .exec();
  }

  async getBody(itemId: string): Promise<Uint8Array | undefined> {
    const body = await this.#redis.getBuffer(this.bodyKey(itemId));
    return body ?? undefined;
  }

  async put<S extends Stage>(stage: S, itemId: string, document: StageDocuments[S]): Promise<void> {
    await this.#redis.hset(this.docKey(itemId), stage, JSON.stringify(document));
  }

  async get<S extends Stage>(stage: S, itemId: string): Promise<StageDocuments[S] | undefined> {
    const json = await this.#redis.hget(this.docKey(itemId), stage);
    return json === null ? undefined : (JSON.parse(json) as StageDocuments[S]);
  }

  /** Several stages' documents of one item in one round trip. */
  async getMany<S extends Stage>(itemId: string, stages: readonly S[]): Promise<{ [K in S]?: StageDocuments[K] }> {
    const values = await this.#redis.hmget(this.docKey(itemId), ...stages);
    const out: { [K in S]?: StageDocuments[K] } = {};
    stages.forEach((stage, index) => {
      const json = values[index];
      if (json != null) out[stage] = JSON.parse(json) as StageDocuments[S];
    });
    return out;
  }

  /** Record how the item ended and announce it on the outcome stream. */
  async recordOutcome(itemId: string, outcome: ItemOutcome): Promise<void> {
    await this.#redis
      .multi()
      .hset(this.docKey(itemId), 'outcome', JSON.stringify(outcome))
      .xadd(this.outcomeStreamKey, 'MAXLEN', '~', String(this.#streamLength), '*', 'itemId', itemId, 'status', outcome.status)
      .exec();
  }

  async item(itemId: string): Promise<ItemRecord> {
    const [sourceId, outcome] = await this.#redis.hmget(this.docKey(itemId), 'sourceId', 'outcome');
    return {
      itemId,
      ...(sourceId ? { sourceId } : {}),
      ...(outcome ? { outcome: JSON.parse(outcome) as ItemOutcome } : {}),
    };
  }

  /** The id of the newest outcome entry ('0-0' when none): follow the stream from there. */
  async lastOutcomeId(): Promise<string> {
    const last = await this.#redis.xrevrange(this.outcomeStreamKey, '+', '-', 'COUNT', 1);
    return last[0]?.[0] ?? '0-0';
  }

  /**
   * Wait for outcome entries after `afterId` (blocking up to `blockMs`). Use a connection of
   * its own: a blocking read holds the connection.
   */
  static async readOutcomes(
    redis: Redis,
    streamKey: string,
    afterId: string,
    blockMs: number,
  ): Promise<{ id: string; itemId: string; status: string }[]> {
    const reply = await redis.xread('BLOCK', blockMs, 'STREAMS', streamKey, afterId);
    if (!reply) return [];
    const entries = reply[0]?.[1] ?? [];
    return entries.map(([id, fields]) => {
      const record: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) record[fields[i]!] = fields[i + 1]!;
      return { id, itemId: record['itemId'] ?? '', status: record['status'] ?? '' };
    });
  }
}
