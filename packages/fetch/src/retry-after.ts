/** Parses Retry-After (delta-seconds or an HTTP date) into milliseconds from `now`, capped. */
export function parseRetryAfter(value: string | undefined, now: number, maxMs = 24 * 60 * 60 * 1000): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed) * 1000, maxMs);
  // HTTP dates name the day and month (IMF-fixdate and the obsolete forms); plain numbers are not dates.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), maxMs);
}
