/** Days an image waits in the trash before the scheduled purge: the API's
 * `trash_retention_days` (gallery/config.py), which the trash listing does not send. */
export const TRASH_RETENTION_DAYS = 30;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days left, started ones counted, before an image deleted at `deletedAt` is purged: 30 on
 * the day of deleting, 1 on the last day, 0 once due (the purge job runs on a schedule). */
export function daysUntilPurge(deletedAt: string, now: Date = new Date()): number {
  const purgeAt = Date.parse(deletedAt) + TRASH_RETENTION_DAYS * DAY_MS;
  return Math.max(0, Math.ceil((purgeAt - now.getTime()) / DAY_MS));
}
