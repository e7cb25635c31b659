// "My links": every share link I made (images and folders), what each allows and how much of
// it is used, with copy, change, revoke and "new link with these settings". An active link's
// address comes with it (the server makes its token again from the link's id); a link made
// before that cannot be copied again, and a new one with the same settings sends it instead.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Copy, FolderOpen, ImageIcon } from "lucide-react";

import type { Api, Folder, Share } from "../api";
import { useI18n } from "../i18n";
import { keys } from "../queries";
import { ConfirmDialog } from "./ConfirmDialog";
import { useCopyLink } from "./copyLink";
import { LoadFailed } from "./LoadFailed";
import { EXPIRIES } from "./ShareDialog";
import { useToast } from "./Toast";

const HOUR = 3600_000;

/** "in 3 days", "2 hours ago": the largest unit that is at least one. */
function useRelative(): (iso: string) => string {
  const { intl } = useI18n();
  return (iso) => {
    const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
    const units = [["day", 86400], ["hour", 3600], ["minute", 60]] as const;
    const [unit, size] = units.find(([, size]) => Math.abs(seconds) >= size) ?? units[2];
    return intl.formatRelativeTime(Math.round(seconds / size), unit, { numeric: "auto" });
  };
}

/** The same link again: its target, permission, metadata, views and the length of time it
 * was made for (a password cannot be copied: it is asked for again). */
function sameSettings(link: Share, password: string | null) {
  const hours = link.expires_at
    ? Math.max(1, Math.round((Date.parse(link.expires_at) - Date.parse(link.created_at)) / HOUR))
    : null;
  return {
    ...(link.image_id ? { image_id: link.image_id } : { folder_id: link.folder_id }),
    permission: link.permission, show_metadata: link.show_metadata, expires_in_hours: hours,
    ...(link.max_views ? { max_views: link.max_views } : {}),
    ...(password ? { password } : {}),
  };
}

export function Links({ api, folders }: { api: Api; folders: Folder[] }) {
  const { t } = useI18n();
  const list = useInfiniteQuery({
    queryKey: keys.shares,
    queryFn: ({ pageParam }) => api.shares({ cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => (page.has_more ? page.next_cursor : undefined),
  });
  const links = list.data?.pages.flatMap((page) => page.shares) ?? [];
  return (
    <section className="my-links" aria-labelledby="my-links-title">
      <h2 id="my-links-title">{t("myLinks")}</h2>
      {list.isError && <LoadFailed error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && links.length === 0 && <p>{t("noLinks")}</p>}
      <ul className="link-list">
        {links.map((link) => <LinkRow key={link.share_id} api={api} link={link} folders={folders} />)}
      </ul>
      {list.hasNextPage && (
        <button type="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t("moreLinks")}
        </button>
      )}
    </section>
  );
}

function LinkTarget({ api, link, folders }: { api: Api; link: Share; folders: Folder[] }) {
  const { t } = useI18n();
  const image = useQuery({
    queryKey: [...keys.images, "one", link.image_id], enabled: Boolean(link.image_id),
    queryFn: () => api.image(link.image_id!),
  });
  if (!link.image_id) {
    const name = folders.find((f) => f.folder_id === link.folder_id)?.name;
    return (
      <div className="link-target">
        <FolderOpen className="folder-mark" size={32} aria-hidden />
        <span>{name ? t("folderNamed", { name }) : t("folderGone")}</span>
      </div>
    );
  }
  return (
    <div className="link-target">
      {image.data?.thumbnail_256_url
        ? <img src={image.data.thumbnail_256_url} alt="" width={56} height={56} />
        : <ImageIcon className="folder-mark" size={32} aria-hidden />}
      <span className="prompt">{image.data?.prompt || (image.isError ? t("imageGone") : t("anImage"))}</span>
    </div>
  );
}

function LinkRow({ api, link, folders }: { api: Api; link: Share; folders: Folder[] }) {
  const { t, intl } = useI18n();
  const relative = useRelative();
  const toast = useToast();
  const copyLink = useCopyLink();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [askPassword, setAskPassword] = useState(false);
  const changed = () => queryClient.invalidateQueries({ queryKey: keys.shares });
  const failed = (error: unknown) => toast({ message: { error } });
  const revoke = useMutation({ mutationFn: () => api.revokeShare(link.share_id), onSuccess: changed, onError: failed });
  const again = useMutation({
    mutationFn: (password: string | null) => api.createShare(sameSettings(link, password)),
    onSuccess: async (made) => {
      setAskPassword(false);
      void changed();
      await copyLink(made.share_url ?? "", "newLinkCopied", "newLinkMade");
    },
    onError: failed,
  });
  const expires = link.expires_at
    ? t("expiresAt", { relative: relative(link.expires_at),
                       date: intl.formatDate(link.expires_at, { dateStyle: "medium", timeStyle: "short" }) })
    : t("neverExpires");
  const active = link.status === "active";
  return (
    <li className="link-row" data-status={link.status}>
      <LinkTarget api={api} link={link} folders={folders} />
      <dl className="link-facts">
        <div><dt>{t("status")}</dt><dd><span className={`status status-${link.status}`}>{t(link.status)}</span></dd></div>
        <div><dt>{t("permission")}</dt><dd>{t(`permission_${link.permission}`)}</dd></div>
        <div><dt>{t("expiry")}</dt><dd>{expires}</dd></div>
        <div><dt>{t("views")}</dt><dd>{link.max_views
          ? t("viewCountOf", { count: link.current_views, max: link.max_views })
          : t("viewCount", { count: link.current_views })}</dd></div>
        <div><dt>{t("password")}</dt><dd>{link.password_protected ? t("yes") : t("no")}</dd></div>
      </dl>
      {active && !link.share_url && <p className="notice">{t("linkNotCopyable")}</p>}
      <div className="actions">
        {active && link.share_url && (
          <button type="button" onClick={() => void copyLink(link.share_url!, "linkCopied", "linkIs")}><Copy aria-hidden />{t("copyLink")}</button>
        )}
        {active && (
          <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)}>{t("change")}</button>
        )}
        <button type="button" disabled={again.isPending}
                onClick={() => (link.password_protected ? setAskPassword(!askPassword) : again.mutate(null))}>
          {t("newLinkSameSettings")}
        </button>
        {active && (
          <ConfirmDialog trigger={<button type="button" className="danger">{t("revoke")}</button>}
                         title={t("revokeConfirmTitle")} description={t("revokeConfirmText")}
                         confirmLabel={t("revoke")} onConfirm={() => revoke.mutate()} />
        )}
      </div>
      {askPassword && (
        <form className="inline-form" onSubmit={(event: FormEvent<HTMLFormElement>) => {
          event.preventDefault();
          again.mutate((event.currentTarget.elements.namedItem("password") as HTMLInputElement).value);
        }}>
          <label>{t("newLinkPassword")}
            <input name="password" type="password" minLength={8} required autoComplete="new-password" />
          </label>
          <button type="submit">{t("createLink")}</button>
        </form>
      )}
      {editing && <LinkEditor api={api} link={link} onDone={() => { setEditing(false); void changed(); }} />}
    </li>
  );
}

/** What a PATCH may change: permission, expiry (from now), views allowed, password. */
function LinkEditor({ api, link, onDone }: { api: Api; link: Share; onDone: () => void }) {
  const { t, errorMessage } = useI18n();
  const [permission, setPermission] = useState(link.permission);
  const [expiry, setExpiry] = useState("keep");
  const [maxViews, setMaxViews] = useState(link.max_views ? String(link.max_views) : "");
  const [password, setPassword] = useState<"keep" | "remove" | "new">("keep");
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (change: Parameters<Api["updateShare"]>[1]) => api.updateShare(link.share_id, change),
    onSuccess: onDone,
    onError: (caught) => setError(errorMessage(caught)),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const newPassword = (event.currentTarget.elements.namedItem("new-password") as HTMLInputElement | null)?.value;
    save.mutate({
      permission,
      max_views: maxViews ? Number(maxViews) : null,
      ...(expiry !== "keep" ? { expires_in_hours: EXPIRIES[expiry] } : {}),
      ...(password === "remove" ? { password: null } : password === "new" ? { password: newPassword } : {}),
    });
  };
  return (
    <form className="inline-form link-editor" onSubmit={submit} aria-label={t("changeLink")}>
      <label>{t("permission")}
        <select value={permission} onChange={(e) => setPermission(e.target.value as Share["permission"])}>
          <option value="view">{t("viewOnly")}</option>
          <option value="download">{t("allowDownload")}</option>
        </select>
      </label>
      <label>{t("expiry")}
        <select value={expiry} onChange={(e) => setExpiry(e.target.value)}>
          <option value="keep">{t("expiryKeep")}</option>
          <option value="1h">{t("expiry1h")}</option><option value="24h">{t("expiry24h")}</option>
          <option value="7d">{t("expiry7d")}</option><option value="30d">{t("expiry30d")}</option>
          <option value="never">{t("never")}</option>
        </select>
      </label>
      <label>{t("maxViews")}
        <input type="number" min={1} value={maxViews} placeholder={t("unlimited")}
               onChange={(e) => setMaxViews(e.target.value)} />
      </label>
      <label>{t("password")}
        <select value={password} onChange={(e) => setPassword(e.target.value as typeof password)}>
          <option value="keep">{link.password_protected ? t("passwordKeep") : t("passwordNone")}</option>
          {link.password_protected && <option value="remove">{t("passwordRemove")}</option>}
          <option value="new">{t("passwordNew")}</option>
        </select>
      </label>
      {password === "new" && (
        <label>{t("newPassword")}
          <input name="new-password" type="password" minLength={8} required autoComplete="new-password" />
        </label>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>{t("save")}</button>
      </div>
    </form>
  );
}
