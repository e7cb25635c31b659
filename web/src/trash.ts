/** Days an image waits in the trash before the scheduled purge: the API's default
 * `trash_retention_days` (gallery/config.py), for the trash's notice. Each trashed image
 * carries its own `purge_after`. */
export const TRASH_RETENTION_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days left, started ones counted, before the purge at `purgeAfter` (the API's time): 30
 * on the day of deleting, 1 on the last day, 0 once due (the purge job runs on a schedule). */
export function daysUntilPurge(purgeAfter: string, now: Date = new Date()): number {
  return Math.max(0, Math.ceil((Date.parse(purgeAfter) - now.getTime()) / DAY_MS));
}
