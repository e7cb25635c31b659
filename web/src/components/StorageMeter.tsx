import { useQuery } from "@tanstack/react-query";

import type { Api } from "../api";
import { useI18n } from "../i18n";
import { keys } from "../queries";

/** Used and reserved (uploads under way) against the plan's quota, and what lossless
 * recompression of the originals has given back. */
export function StorageMeter({ api }: { api: Api }) {
  const { t, formatBytes } = useI18n();
  const usage = useQuery({ queryKey: keys.storageUsage, queryFn: () => api.storageUsage() }).data;
  if (!usage) return null;
  const quota = usage.unlimited ? null : usage.quota_bytes;
  const used = quota ? Math.min(100, (usage.used_bytes / quota) * 100) : 0;
  const reserved = quota ? Math.min(100 - used, (usage.reserved_bytes / quota) * 100) : 0;
  return (
    <div className="storage">
      <div className="storage-bar" role="meter" aria-label={t("storage")} aria-valuemin={0} aria-valuemax={100}
           aria-valuenow={Math.round(used)}>
        <span className="used" style={{ width: `${used}%` }} />
        <span className="reserved" style={{ width: `${reserved}%` }} />
      </div>
      <small className="storage-used">
        {formatBytes(usage.used_bytes)} / {quota === null ? t("unlimited") : formatBytes(quota)}
        {" · "}{usage.plan}
      </small>
      {usage.recompression_saved_bytes > 0 && (
        <small className="storage-saved">
          {t("savedByCompression", { size: formatBytes(usage.recompression_saved_bytes) })}
        </small>
      )}
    </div>
  );
}
