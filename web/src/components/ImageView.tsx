import { keepPreviousData, useQuery } from "@tanstack/react-query";
import {
  type CSSProperties, type KeyboardEvent as ReactKeyboardEvent, useEffect, useLayoutEffect, useRef, useState,
} from "react";
import { ChevronLeft, ChevronRight, Layers, LoaderCircle, Star, X } from "lucide-react";
import FocusLock from "react-focus-lock";

import { type Api, type Folder, type ImageItem, splitTags } from "../api";
import { useDebounced } from "../debounced";
import { folderLabel, treeOrder } from "../folderPicker";
import { useI18n } from "../i18n";
import { comfyWorkflow, generationText } from "../generation";
import { keys, useLibraryChanged } from "../queries";
import { daysUntilPurge } from "../trash";
import { a1111Text, GenerationData, seedText } from "./GenerationData";
import { Rating } from "./Rating";
import { ShareDialog } from "./ShareDialog";
import { ToastHost, useToast } from "./Toast";
import { Preview, type Zoom, ZoomableImage } from "./ZoomableImage";

interface Props {
  api: Api;
  image: ImageItem;
  /** Opened from a workspace: its id and my role there (someone else's image is changed
   * through the workspace, and only as far as the role allows). */
  workspace?: { id: string; role: string; userId: string };
  folders: Folder[];
  onChange: (image: ImageItem) => void;
  onDeleted: () => void;
  /** A trashed image was taken out of the trash (it leaves the trash listing). */
  onRestored?: () => void;
  /** The neighbouring images of the list it was opened from (none at its ends: the control is disabled). */
  onPrevious?: () => void;
  onNext?: () => void;
  /** → is on its way: the next page of the listing is being fetched. */
  nextBusy?: boolean;
  /** The images ←/→ go to: their previews are fetched now, so the step is instant. */
  neighbours?: ImageItem[];
  /** The image's variation stack in the grid (a grouped listing's image of several). */
  onShowStack?: (image: ImageItem) => void;
  onClose: () => void;
}

// the arrow keys move the caret there, not to another image
const TYPING = "input, textarea, select, [contenteditable]";
const PAN_KEYS: Partial<Record<string, [-1 | 0 | 1, -1 | 0 | 1]>> = {
  ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1],
};

/** A phone's data saver is on: nothing fetched before it is asked for. */
function savingData(): boolean {
  return Boolean((navigator as { connection?: { saveData?: boolean } }).connection?.saveData);
}

/** The large view, full screen: the image (fitted, zoomed and panned: ZoomableImage) beside a
 * panel with the actions first, then the prompt and settings, tags and folder. ←/→ (or a
 * swipe) move through the list, + / − / 0 zoom, Esc closes; focus stays inside until it
 * closes and then returns to the tile. */
export function ImageView({
  api, image, workspace, folders, onChange, onDeleted, onRestored, onPrevious, onNext, nextBusy = false,
  neighbours = [], onShowStack, onClose,
}: Props) {
  const { t, formatBytes, formatDate, errorMessage } = useI18n();
  const toast = useToast();
  const libraryChanged = useLibraryChanged();
  const [status, setStatus] = useState("");
  const [tag, setTag] = useState("");
  const [sharing, setSharing] = useState(false);
  const zoom = useRef<Zoom>(null);
  // the stars move at once; the answer (or a refusal) settles them
  const [rating, setRating] = useState<number | null>(null);
  // the keys act on what this render shows: the handlers are read when a key comes, not kept
  // from the render that added the listener (an effect re-added it a frame after each image
  // change, and a → pressed in between went to the image already shown)
  const current = useRef({ onClose, onPrevious, onNext, sharing });
  useLayoutEffect(() => {
    current.current = { onClose, onPrevious, onNext, sharing };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const { onClose, onPrevious, onNext, sharing } = current.current;
      if (sharing) return; // the share dialog's keys are its own
      if (event.key === "Escape") return onClose();
      if ((event.target as HTMLElement | null)?.closest?.(TYPING)) return;
      // zoomed in, the arrows move the view; fitted, ← and → step through the list
      const direction = PAN_KEYS[event.key];
      if (direction && zoom.current?.pan(...direction)) return event.preventDefault();
      const move = {
        ArrowLeft: onPrevious, ArrowRight: onNext,
        "+": zoom.current?.zoomIn, "=": zoom.current?.zoomIn, "-": zoom.current?.zoomOut, "0": zoom.current?.fit,
      }[event.key];
      if (move && !event.ctrlKey && !event.metaKey) { // ctrl/⌘ with + − 0 zoom the page, as everywhere
        event.preventDefault();
        move();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  // another image (fitted again: its zoom is keyed by it), and no "Copied" left over from the last one
  useEffect(() => {
    setStatus("");
    setRating(null);
  }, [image.image_id]);
  // tag autocomplete on what is typed, once it rests
  const prefix = useDebounced(tag.trim(), 200);
  const suggestions = useQuery({
    queryKey: keys.tagsStartingWith(prefix), queryFn: () => api.tags(prefix, 8).then((found) => found.map((x) => x.name)),
    enabled: Boolean(prefix), placeholderData: keepPreviousData,
  }).data ?? [];

  const mine = !workspace || image.owner_id === workspace.userId;
  const trashed = Boolean(image.deleted_at); // the trash listing marks its images
  const canTag = (mine || workspace?.role === "editor" || workspace?.role === "owner") && !trashed;
  const change = async (patch: Parameters<Api["updateImage"]>[1]) =>
    onChange(workspace && !mine
      ? await api.updateWorkspaceImage(workspace.id, image.image_id,
                                       patch as { is_favorite?: boolean; tags?: string[]; rating?: number })
      : await api.updateImage(image.image_id, patch));
  const addTag = async (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter" || !tag.trim()) return;
    event.preventDefault();
    await change({ tags: [...image.tags, ...splitTags(tag)] });  // "a, b" adds two
    setTag("");
  };
  const copy = async (text: string | Promise<string>) => {
    try {
      // Safari writes only within the click: a ClipboardItem takes the text still on its way
      if (typeof text !== "string" && typeof ClipboardItem !== "undefined" && navigator.clipboard?.write) {
        await navigator.clipboard.write([new ClipboardItem({
          "text/plain": text.then((value) => new Blob([value], { type: "text/plain" })),
        })]);
      } else {
        await navigator.clipboard?.writeText(await text);
      }
      setStatus(t("copied"));
    } catch (caught) {
      setStatus(`${t("copyFailed")}: ${errorMessage(caught)}`);
    }
  };
  // A1111's text as the API writes it (what A1111 and Forge paste in); the image's own fields
  // when it cannot be had (someone else's image in a workspace)
  const copyA1111 = () => copy(
    (mine ? generationText(api, image.image_id) : Promise.reject(new Error("not mine"))).catch(() => a1111Text(image)));
  const downloadWorkflow = async () => {
    try {
      const workflow = await comfyWorkflow(api, image.image_id);
      const url = URL.createObjectURL(new Blob([workflow], { type: "application/json" }));
      Object.assign(document.createElement("a"), { href: url, download: `workflow-${image.image_id}.json` }).click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus(t("workflowDownloaded"));
    } catch (caught) {
      setStatus(`${t("downloadFailed")}: ${errorMessage(caught)}`);
    }
  };
  const rate = async (stars: number) => {
    setRating(stars);
    try {
      await change({ rating: stars });
      setStatus(stars ? t("ratedStars", { count: stars }) : t("ratingCleared"));
    } catch (caught) {
      setRating(null);
      setStatus(`${t("ratingNotSaved")}: ${errorMessage(caught)}`);
    }
  };
  const seed = seedText(image);
  const stackSize = image.stack_size ?? 0;
  const download = async () => {
    try {
      // an attachment with a readable name: the browser saves it and this tab stays
      const { url, filename } = workspace && !mine
        ? await api.workspaceDownloadLink(workspace.id, image.image_id)
        : await api.downloadLink(image.image_id);
      const link = Object.assign(document.createElement("a"), { href: url, download: filename });
      link.click();
    } catch (caught) {
      setStatus(`${t("downloadFailed")}: ${errorMessage(caught)}`);
    }
  };
  const remove = async () => {
    try {
      await api.deleteImage(image.image_id);
    } catch (caught) {
      return setStatus(errorMessage(caught));
    }
    onDeleted();
    // the viewer closes; the toast (the app's) keeps the way back
    toast({
      message: { id: "movedToTrash", values: { count: 1 } },
      action: {
        label: { id: "undo" },
        run: () => void api.restoreImage(image.image_id).then(
          () => { toast({ message: { id: "restoredFromTrash", values: { count: 1 } } }); void libraryChanged(); },
          (error) => toast({ message: { error } })),
      },
    });
  };
  const restore = async () => {
    try {
      await api.restoreImage(image.image_id);
    } catch (caught) {
      return setStatus(errorMessage(caught));
    }
    (onRestored ?? onDeleted)();
  };
  return (
    <div className="overlay viewer-overlay" role="dialog" aria-modal="true" aria-label={image.prompt || t("close")}>
      {/* focus stays in the viewer while it is open and goes back to the tile when it closes */}
      <FocusLock returnFocus className="image-viewer" disabled={sharing}>
        <div className="viewer-stage" data-testid="viewer-stage"
             style={{ "--aspect": image.width && image.height ? image.width / image.height : 1 } as CSSProperties}>
          <ZoomableImage ref={zoom} image={image} onPrevious={onPrevious} onNext={onNext} />
          {/* the neighbours' previews, at low priority: none on a data saver */}
          {!savingData() && (
            <div hidden data-testid="viewer-preload">
              {neighbours.map((item) => <Preview key={item.image_id} image={item} alt="" fetchPriority="low" />)}
            </div>
          )}
          {/* disabled at the listing's ends, as the share page's lightbox */}
          <button type="button" className="viewer-nav previous" aria-label={t("previousImage")}
                  onClick={onPrevious} disabled={!onPrevious}><ChevronLeft aria-hidden /></button>
          <button type="button" className="viewer-nav next" aria-label={t("nextImage")} aria-busy={nextBusy}
                  onClick={onNext} disabled={!onNext}>
            {nextBusy ? <LoaderCircle className="spinning" aria-hidden /> : <ChevronRight aria-hidden />}
          </button>
        </div>
        <aside className="viewer-panel">
          <div className="viewer-toolbar">
            <button type="button" data-autofocus className="viewer-close" aria-label={t("close")}
                    onClick={onClose}><X aria-hidden /></button>
          </div>
          <div className="actions">
            {trashed ? (
              mine && <button type="button" onClick={restore}>{t("restore")}</button>
            ) : (
              <>
                <button type="button" aria-pressed={image.is_favorite}
                        onClick={() => change({ is_favorite: !image.is_favorite })}>
                  <Star aria-hidden fill={image.is_favorite ? "currentColor" : "none"} />
                  {image.is_favorite ? t("unfavourite") : t("favourite")}
                </button>
                {mine && <button type="button" onClick={() => setSharing(true)}>{t("share")}</button>}
              </>
            )}
            {/* someone else's image in a workspace: only if my role gets originals */}
            {(mine || image.image_url) && <button type="button" onClick={download}>{t("download")}</button>}
            {mine && !trashed && <button type="button" className="danger" onClick={remove}>{t("delete")}</button>}
          </div>
          {trashed && image.purge_after && (
            <p className="notice">{t("purgeIn", { days: daysUntilPurge(image.purge_after) })}</p>
          )}
          {!trashed && <Rating value={rating ?? image.rating ?? 0} onChange={(stars) => void rate(stars)} />}
          {stackSize > 1 && onShowStack && (
            <div className="actions">
              <button type="button" onClick={() => onShowStack(image)}>
                <Layers aria-hidden />{t("showStack", { count: stackSize })}
              </button>
            </div>
          )}
          <div className="actions" role="group" aria-label={t("generationData")}>
            <button type="button" onClick={() => copy(image.prompt)}>{t("copyPrompt")}</button>
            {seed !== null && <button type="button" onClick={() => copy(seed)}>{t("copySeed")}</button>}
            <button type="button" onClick={copyA1111}>{t("copyGenerationData")}</button>
            {image.generation?.generator === "comfyui" && mine && (
              <button type="button" onClick={downloadWorkflow}>{t("downloadWorkflow")}</button>
            )}
          </div>
          <p role="status" aria-live="polite" className="viewer-status">{nextBusy ? t("loading") : status}</p>
          {mine && !trashed && (<div className="actions">
            <label>{t("folder")}
              <select aria-label={t("folder")} value={image.folder_id ?? ""}
                      onChange={(e) => change({ folder_id: e.target.value || null })}>
                <option value="">{t("noFolder")}</option>
                {treeOrder(folders).map((f) => <option key={f.folder_id} value={f.folder_id}>{folderLabel(f)}</option>)}
              </select>
            </label>
            <label className="check">
              <input type="checkbox" checked={image.is_public} onChange={(e) => change({ is_public: e.target.checked })} />
              {t("public")}
            </label>
          </div>)}
          <GenerationData data={image}>
            <dt>{t("fileSize")}</dt><dd>{formatBytes(image.file_size_bytes)}</dd>
            <dt>{t("createdOn")}</dt><dd>{formatDate(image.created_at)}</dd>
          </GenerationData>
          <div className="tags-editor">
            <ul className="tags" aria-label={t("tags")}>
              {image.tags.map((name) => (
                <li key={name}>#{name}
                  {canTag && (
                    <button type="button" aria-label={t("removeTag", { name })}
                            onClick={() => change({ tags: image.tags.filter((x) => x !== name) })}><X aria-hidden /></button>
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
        </aside>
        <ToastHost />
      </FocusLock>
      {sharing && <ShareDialog api={api} target={{ imageId: image.image_id }} onClose={() => setSharing(false)} />}
    </div>
  );
}
