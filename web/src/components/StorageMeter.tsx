import { useEffect, useState } from "react";

import type { Api, StorageUsage } from "../api";
import { useI18n } from "../i18n";

/** Used and reserved (uploads under way) against the plan's quota, and what lossless
 * recompression of the originals has given back. */
export function StorageMeter({ api, refreshKey = 0 }: { api: Api; refreshKey?: number }) {
  const { t, formatBytes } = useI18n();
  const [usage, setUsage] = useState<StorageUsage | null>(null);
  useEffect(() => {
    let live = true;
    api.storageUsage().then((u) => live && setUsage(u)).catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, refreshKey]);
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
