import { type KeyboardEvent as ReactKeyboardEvent, useEffect, useRef, useState } from "react";

import { type Api, type Folder, type ImageItem, splitTags } from "../api";
import { useI18n } from "../i18n";
import { GenerationData } from "./GenerationData";
import { ShareDialog } from "./ShareDialog";

interface Props {
  api: Api;
  image: ImageItem;
  /** Opened from a workspace: its id and my role there (someone else's image is changed
   * through the workspace, and only as far as the role allows). */
  workspace?: { id: string; role: string; userId: string };
  folders: Folder[];
  onChange: (image: ImageItem) => void;
  onDeleted: () => void;
  onClose: () => void;
}

/** The large view: the image, its prompt and settings; tags, folder, public, share,
 * download and delete. */
export function ImageView({ api, image, workspace, folders, onChange, onDeleted, onClose }: Props) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const [tag, setTag] = useState("");
  const [suggestions, setSuggestions] = useState<string[]>([]);
  const [sharing, setSharing] = useState(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && !sharing && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose, sharing]);
  // tag autocomplete, debounced
  useEffect(() => {
    if (!tag.trim()) return setSuggestions([]);
    const timer = setTimeout(() => {
      api.tags(tag.trim(), 8).then((found) => setSuggestions(found.map((x) => x.name))).catch(() => undefined);
    }, 200);
    return () => clearTimeout(timer);
  }, [api, tag]);

  const mine = !workspace || image.owner_id === workspace.userId;
  const canTag = mine || workspace?.role === "editor" || workspace?.role === "owner";
  const change = async (patch: Parameters<Api["updateImage"]>[1]) =>
    onChange(workspace && !mine
      ? await api.updateWorkspaceImage(workspace.id, image.image_id,
                                       patch as { is_favorite?: boolean; tags?: string[] })
      : await api.updateImage(image.image_id, patch));
  const addTag = async (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter" || !tag.trim()) return;
    event.preventDefault();
    await change({ tags: [...image.tags, ...splitTags(tag)] });  // "a, b" adds two
    setTag("");
  };
  const remove = async () => {
    await api.deleteImage(image.image_id);
    onDeleted();
  };
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={image.prompt} onClick={onClose}>
      <div className="viewer" onClick={(event) => event.stopPropagation()}>
        {/* the preview rendition (AVIF, WebP for older browsers), not the original's megabytes */}
        <picture>
          {image.preview_url && <source srcSet={image.preview_url} type="image/avif" />}
          <img src={image.preview_fallback_url ?? image.thumbnail_512_url ?? image.image_url ?? ""}
               alt={image.prompt} />
        </picture>
        <GenerationData data={image}>
          {image.width && image.height && (<><dt>{t("size")}</dt><dd>{image.width} × {image.height}</dd></>)}
        </GenerationData>
        <div className="tags-editor">
          <ul className="tags" aria-label={t("tags")}>
            {image.tags.map((name) => (
              <li key={name}>#{name}
                {canTag && (
                  <button type="button" aria-label={t("removeTag", { name })}
                          onClick={() => change({ tags: image.tags.filter((x) => x !== name) })}>×</button>
                )}
              </li>
            ))}
          </ul>
          {canTag && (
            <input value={tag} onChange={(e) => setTag(e.target.value)} onKeyDown={addTag}
                   placeholder={t("addTag")} aria-label={t("addTag")} list="tag-suggestions" maxLength={100} />
          )}
          <datalist id="tag-suggestions">{suggestions.map((s) => <option key={s} value={s} />)}</datalist>
        </div>
        <div className="actions">
          <button type="button" aria-pressed={image.is_favorite}
                  onClick={() => change({ is_favorite: !image.is_favorite })}>
            {image.is_favorite ? `★ ${t("unfavourite")}` : `☆ ${t("favourite")}`}
          </button>
        </div>
        {mine && (<div className="actions">
          <label>{t("folder")}
            <select aria-label={t("folder")} value={image.folder_id ?? ""}
                    onChange={(e) => change({ folder_id: e.target.value || null })}>
              <option value="">{t("noFolder")}</option>
              {folders.map((f) => <option key={f.folder_id} value={f.folder_id}>{f.name}</option>)}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={image.is_public} onChange={(e) => change({ is_public: e.target.checked })} />
            {t("public")}
          </label>
        </div>)}
        <div className="actions">
          <button type="button" onClick={async () => { await navigator.clipboard?.writeText(image.prompt); setCopied(true); }}>
            {copied ? t("copied") : t("copyPrompt")}
          </button>
          {mine && <button type="button" onClick={() => setSharing(true)}>{t("share")}</button>}
          {image.image_url && <a href={image.image_url} download>{t("download")}</a>}
          {mine && <button type="button" className="danger" onClick={remove}>{t("delete")}</button>}
          <button type="button" ref={closeButton} onClick={onClose}>{t("close")}</button>
        </div>
      </div>
      {sharing && <ShareDialog api={api} imageId={image.image_id} onClose={() => setSharing(false)} />}
    </div>
  );
}
