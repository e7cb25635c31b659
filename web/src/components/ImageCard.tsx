import type React from "react";
import { memo, useState } from "react";

import type { ImageItem } from "../api";
import { earlyThumbnail } from "../firstListing";
import { useI18n } from "../i18n";
import { tapped, useLongPress } from "../longPress";
import { placeholderColor, useBlurredPlaceholder } from "../placeholder";
import { daysUntilPurge } from "../trash";

/** What a tile does, by its index: one object for every tile of the grid, so a card renders
 * again only when its own image, place or selection changes (not on every scroll frame). */
export interface CardActions {
  /** `tap`: by a finger (while selecting, a tap selects instead, as in a photos app) */
  open: (index: number, tap: boolean) => void;
  toggleFavorite: (index: number) => void;
  /** `range`: Shift was held */
  toggleSelect: (index: number, range: boolean) => void;
  /** The image's variation stack, in the grid's place (a tile of a grouped listing). */
  openStack: (index: number) => void;
}

/** The tile: its place in a justified row (grid), or the list's thumbnail square. */
export interface Box { left?: number; width: number; height: number }

interface Props {
  image: ImageItem;
  box: Box;
  layout?: "grid" | "list";
  index: number;
  selected: boolean;
  /** without it, no checkbox: nothing here acts on a selection */
  selectable: boolean;
  /** without it, no star (a trashed image cannot be starred) */
  starrable?: boolean;
  /** The grid's one Tab stop (a roving tabindex): the image's button is in the Tab order only
   * here; the checkbox and the star never are (Space selects, F stars). */
  tabStop: boolean;
  actions: CardActions;
}

/** The thumbnails as `srcset` candidates by their real width: ingest keys them by the long side
 * and never enlarges, so a landscape 512 is 512 wide and a portrait one narrower. */
function thumbnailCandidates(image: ImageItem): string | undefined {
  const longSide = Math.max(image.width ?? 0, image.height ?? 0);
  const byWidth = new Map<number, string>(); // a small original: both sizes may be one width
  for (const [side, url] of [[256, image.thumbnail_256_url], [512, image.thumbnail_512_url]] as const) {
    if (!url) continue;
    const width = image.width && longSide ? Math.round(image.width * Math.min(1, side / longSide)) : side;
    if (!byWidth.has(width)) byWidth.set(width, url);
  }
  return byWidth.size ? [...byWidth].map(([width, url]) => `${url} ${width}w`).join(", ") : undefined;
}

/** A fragment from the word before its first match when more than `room` characters come
 * before it: on a small tile the match is what shows. The text is escaped (an entity has no
 * space in it), so cutting at a space is safe. */
export function fromFirstMatch(html: string, room = 0): string {
  const at = html.indexOf("<em>");
  if (at <= room) return html;
  const words = html.slice(0, at).split(" "); // the last one is what touches the match
  return words.length <= 2 ? html : `… ${words.slice(-2).join(" ")}${html.slice(at)}`;
}

function placeholderStyle(hash: string | null | undefined, blur: string | undefined): React.CSSProperties | undefined {
  const color = placeholderColor(hash);
  return color ? { backgroundColor: color, backgroundImage: blur ?? "none" } : undefined;
}

const CAPTION_CHAR = 12; // px: about one character of the caption (a Korean one is ~12 px wide)

/** The API escapes the prompt and adds only <em>…</em> around what matched. */
function Highlight({ html, className }: { html: string; className: string }) {
  return <p className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** One image: the thumbnail covering its tile (a justified row gives the tile the image's own
 * aspect ratio), the prompt as its alt text, a favourite toggle, a checkbox to select it. */
export const ImageCard = memo(function ImageCard({
  image, box, layout = "grid", index, selected, selectable, starrable = true, tabStop, actions,
}: Props) {
  const { t, formatDate } = useI18n();
  const [loaded, setLoaded] = useState(false);
  // until the thumbnail arrives: the ThumbHash's colour at once, its blurred picture when idle
  const blur = useBlurredPlaceholder(image.placeholder, !loaded);
  const ratio = image.width && image.height ? image.width / image.height : 1;
  // the image covers the tile: as wide as the tile, or wider where its ratio was clamped
  const shownWidth = Math.round(Math.max(box.width, box.height * ratio));
  const thumbnail = Math.max(shownWidth, shownWidth / ratio) > 256 ? image.thumbnail_512_url : image.thumbnail_256_url;
  // the browser picks by the tile's width times its pixel ratio: a HiDPI screen gets the 512
  // fetched by index.html with the first page: shown as it is, not chosen again
  const [early] = useState(() => earlyThumbnail(image));
  const srcSet = early ? undefined : thumbnailCandidates(image);
  const highlights = image.highlights ?? [];
  const purgeIn = image.purge_after && t("purgeIn", { days: daysUntilPurge(image.purge_after) });
  const list = layout === "list";
  // a finger held on a tile selects it (a touch screen shows the checkboxes only then)
  const press = useLongPress(() => { if (selectable) actions.toggleSelect(index, false); });
  const style: React.CSSProperties | undefined = list ? undefined : { left: box.left, width: box.width, height: box.height };
  return (
    <div className={`card ${layout}${selected ? " selected" : ""}${highlights.length ? " matched" : ""}`}
         role="listitem" data-image-index={index} style={style}>
      {selectable && (
        // the label is the finger's 44 px target around the 24 px box
        <label className="select">
          <input type="checkbox" checked={selected} tabIndex={-1}
                 // a click's Shift takes the range (a change event has no keys); Space on the box
                 // is a click without it
                 onClick={(event) => actions.toggleSelect(index, event.shiftKey)}
                 aria-label={t("selectImage", { name: image.prompt || image.image_id })} />
        </label>
      )}
      {/* the placeholder is the button's own background until the thumbnail has loaded */}
      <button type="button" className={`card-image${loaded ? "" : " placeholder"}`} {...press}
              onClick={(event) => actions.open(index, tapped(event))}
              tabIndex={tabStop ? 0 : -1} aria-keyshortcuts={[selectable && "Space", starrable && "F"].filter(Boolean).join(" ") || undefined}
              aria-label={image.prompt || image.image_id} data-testid={loaded ? undefined : "placeholder"}
              style={loaded ? undefined : placeholderStyle(image.placeholder, blur)}>
        {thumbnail && (
          <img src={early ?? thumbnail} srcSet={srcSet} sizes={srcSet && `${shownWidth}px`}
               // eager: the virtualizer renders only the tiles on screen and a row ahead
               alt={image.prompt} decoding="async"
               onLoad={() => setLoaded(true)} style={{ opacity: loaded ? 1 : 0 }} />
        )}
      </button>
      {list ? (
        <div className="details">
          {/* a search's fragments say the prompt with what matched marked: not the prompt twice */}
          {highlights.length > 0 ? highlights.map((html, n) => <Highlight key={n} className="highlight" html={html} />)
            : <span className="prompt">{image.prompt}</span>}
          <small>{[image.model, image.width && image.height ? `${image.width} × ${image.height}` : null,
                   formatDate(image.created_at)].filter(Boolean).join(" · ")}</small>
          {purgeIn && <small className="purge-in">{purgeIn}</small>}
        </div>
      ) : (
        // over the tile's foot: what matched (two lines), or how long the trash keeps it
        (highlights.length > 0 || purgeIn) && (
          <div className="caption">
            {highlights.length > 0 ? <Highlight className="highlight" html={fromFirstMatch(highlights[0], Math.floor(box.width / CAPTION_CHAR))} />
              : <small className="purge-in">{purgeIn}</small>}
          </div>
        )
      )}
      {/* a grouped listing's stack: how many variations, and the way to them (the viewer has it too) */}
      {(image.stack_size ?? 0) > 1 && (
        // named by what it shows, then what it does ("3 variations: show them")
        <button type="button" className="stack-badge" tabIndex={-1} onClick={() => actions.openStack(index)}>
          {image.stack_size}<span className="visually-hidden">{t("stackBadge", { count: image.stack_size! })}</span>
        </button>
      )}
      {starrable && (
        <button type="button" className={`favorite${image.is_favorite ? " on" : ""}`}
                aria-pressed={image.is_favorite} tabIndex={-1}
                aria-label={image.is_favorite ? t("unfavourite") : t("favourite")}
                onClick={() => actions.toggleFavorite(index)} />
      )}
    </div>
  );
});
