import { useQuery, useQueryClient } from "@tanstack/react-query";
import { LockIcon } from "lucide-react";
import { type FormEvent, type KeyboardEvent, useState } from "react";
import FocusLock from "react-focus-lock";

import { type Api, type Share } from "../api";
import { focusOnMount } from "../focusOnMount";
import { useI18n } from "../i18n";
import { keys } from "../queries";
import { useCopyLink } from "./copyLink";
import { ToastHost, useToast } from "./Toast";

/** A link's lifetime choices, in hours (the links page offers 30 days as well). */
export const EXPIRIES: Record<string, number | null> = { "1h": 1, "24h": 24, "7d": 168, "30d": 720, never: null };

/** What a link shares: one image, one folder (its images as they are when opened), or a
 * smart folder (what its search finds when opened). */
export type ShareTarget = { imageId: string } | { folderId: string; name: string } | { smartFolderId: string; name: string };

/** Create a link for an image or a folder (permission, expiry, views, password, metadata),
 * copy it, and see, copy again and revoke its links. */
export function ShareDialog({ api, target, onClose }: { api: Api; target: ShareTarget; onClose: () => void }) {
  const { t, errorMessage } = useI18n();
  const [permission, setPermission] = useState<"view" | "download">("view");
  const [expiry, setExpiry] = useState("7d");
  const [customHours, setCustomHours] = useState(48);
  const [maxViews, setMaxViews] = useState("");
  const [password, setPassword] = useState("");
  const [showMetadata, setShowMetadata] = useState(false);
  const [created, setCreated] = useState<Share | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null); // the link whose revoke is asked
  const toast = useToast();
  const queryClient = useQueryClient();
  const filter = "imageId" in target ? { image_id: target.imageId }
    : "folderId" in target ? { folder_id: target.folderId } : { smart_folder_id: target.smartFolderId };
  // the list of links takes no smart folder: its links are picked from mine
  const listed = "smart_folder_id" in filter ? {} : filter;
  const links = (useQuery({ queryKey: [...keys.shares, filter], queryFn: () => api.shares(listed) })
    .data?.shares ?? []).filter((link) => !("smart_folder_id" in filter) || link.smart_folder_id === filter.smart_folder_id);
  // every list of links (this one, "my links") is asked again after a change
  const refresh = () => queryClient.invalidateQueries({ queryKey: keys.shares });
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation(); // the viewer behind closes on Escape too
      onClose();
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const share = await api.createShare({
        ...filter, permission, show_metadata: showMetadata,
        expires_in_hours: expiry === "custom" ? customHours : EXPIRIES[expiry],
        ...(maxViews ? { max_views: Number(maxViews) } : {}),
        ...(password ? { password } : {}),
      });
      setCreated(share);
      void refresh();
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };
  const revoke = (shareId: string) => api.revokeShare(shareId).then(
    () => { setRevoking(null); void refresh(); },
    (error: unknown) => toast({ message: { error } }),
  );
  const copyLink = useCopyLink();
  return (
    <div className="overlay" role="dialog" aria-modal="true"
         aria-label={"name" in target ? t("shareFolder", { name: target.name }) : t("share")}
         // a click on the backdrop (not in the form) closes it, as Esc does; none reaches the viewer behind
         onClick={(event) => { event.stopPropagation(); if (event.target === event.currentTarget) onClose(); }}
         onKeyDown={closeOnEscape}>
      {/* focus moves into the dialog, stays there, and goes back to what opened it */}
      <FocusLock returnFocus>
        <form className="viewer share-dialog" onSubmit={submit}>
          <h2>{"name" in target ? t("shareFolder", { name: target.name }) : t("share")}</h2>
          {"folderId" in target && <p className="notice">{t("shareFolderNote")}</p>}
          {"smartFolderId" in target && <p className="notice">{t("shareSmartFolderNote")}</p>}
          <label>{t("permission")}
            <select value={permission} onChange={(e) => setPermission(e.target.value as "view" | "download")}>
              <option value="view">{t("viewOnly")}</option>
              <option value="download">{t("allowDownload")}</option>
            </select>
          </label>
          <label>{t("expiry")}
            <select value={expiry} onChange={(e) => setExpiry(e.target.value)}>
              <option value="1h">{t("expiry1h")}</option><option value="24h">{t("expiry24h")}</option>
              <option value="7d">{t("expiry7d")}</option>
              <option value="custom">{t("custom")}</option><option value="never">{t("never")}</option>
            </select>
          </label>
          {expiry === "custom" && (
            <label>{t("hours")}<input type="number" min={1} value={customHours}
                                      onChange={(e) => setCustomHours(Number(e.target.value))} /></label>
          )}
          <label>{t("maxViews")}<input type="number" min={1} value={maxViews} onChange={(e) => setMaxViews(e.target.value)} /></label>
          <label>{t("password")}<input type="password" minLength={8} value={password} autoComplete="new-password"
                                        onChange={(e) => setPassword(e.target.value)} /></label>
          <label className="check"><input type="checkbox" checked={showMetadata}
                                          onChange={(e) => setShowMetadata(e.target.checked)} />{t("showMetadata")}</label>
          {error && <p role="alert" className="error">{error}</p>}
          <div className="actions">
            <button type="submit">{t("createLink")}</button>
            <button type="button" onClick={onClose}>{t("close")}</button>
          </div>
          {created?.share_url && (
            <p className="created-link">
              <input readOnly value={created.share_url} aria-label={t("link")} onFocus={(e) => e.target.select()} />
              <button type="button" onClick={() => void copyLink(created.share_url ?? "", "copied", "newLinkMade")}>
                {t("copy")}
              </button>
            </p>
          )}
          <ul className="links" aria-label={t("links")}>
            {links.map((link) => (
              <li key={link.share_id} data-status={link.status}>
                {t(`permission_${link.permission}`)} · {t(link.status)} · {link.max_views
                  ? t("viewCountOf", { count: link.current_views, max: link.max_views })
                  : t("viewCount", { count: link.current_views })}
                {link.password_protected && <> · <LockIcon role="img" aria-label={t("passwordProtected")} /></>}
                {link.status === "active" && link.share_url && (
                  <button type="button" onClick={() => void copyLink(link.share_url ?? "", "linkCopied", "linkIs")}>
                    {t("copyLink")}
                  </button>
                )}
                {/* asked first, in the row (a revoked link cannot be given back) */}
                {link.status === "active" && (revoking === link.share_id ? (
                  <span className="revoke-confirm" role="group" aria-label={t("revokeConfirmTitle")}>
                    {t("revokeConfirmTitle")}{" "}
                    <button type="button" className="danger" ref={focusOnMount}
                            onClick={() => revoke(link.share_id)}>{t("revoke")}</button>{" "}
                    <button type="button" onClick={() => setRevoking(null)}>{t("cancel")}</button>
                  </span>
                ) : (
                  <button type="button" onClick={() => setRevoking(link.share_id)}>{t("revoke")}</button>
                ))}
              </li>
            ))}
          </ul>
        </form>
        <ToastHost />
      </FocusLock>
    </div>
  );
}
