// The viewer's image: fitted to the stage, zoomed by the wheel, a pinch, a double click or
// tap, the + / − / 0 keys or the buttons over it (zoom out, in, and actual size: one pixel of
// the image to one of the screen), and panned by dragging; react-zoom-pan-pinch does the
// gestures. Zoomed in, the original's pixels come over the preview's, and the arrow keys pan
// (dragging has a keyboard way, WCAG 2.5.7). Not zoomed, a swipe steps through the list.
import { MinusIcon, PlusIcon } from "lucide-react";
import {
  forwardRef, type ImgHTMLAttributes, type PointerEvent, type Ref, useEffect, useImperativeHandle, useRef, useState,
} from "react";
import { type ReactZoomPanPinchRef, TransformComponent, TransformWrapper } from "react-zoom-pan-pinch";

import type { ImageItem } from "../api";
import { useI18n } from "../i18n";

/** What the viewer's keys do with the image. */
export interface Zoom {
  zoomIn: () => void;
  zoomOut: () => void;
  fit: () => void;
  /** Zoomed in: moves the view a step that way (the arrow keys' pan) and says so; fitted, false. */
  pan: (x: -1 | 0 | 1, y: -1 | 0 | 1) => boolean;
}

// a swipe: mostly sideways, far enough and quick (a slow drag is not a swipe)
const SWIPE_PX = 50;
const SWIPE_MS = 600;
// scales as shown (to the percent); an animation back to 1 may stop a hair above it: not zoomed
const shown = (scale: number) => Math.round(scale * 100) / 100;
const isZoomed = (scale: number) => shown(scale) > 1.01;
const STEP = 0.5;
const PAN_STEP = 0.1;

/** The fitted view: the preview rendition (AVIF, WebP for older browsers), not the original's
 * megabytes. The neighbours' preloads are the same element, so the browser picks the same file. */
export function Preview({ image, imgRef, ...img }: {
  image: ImageItem; imgRef?: Ref<HTMLImageElement>;
} & ImgHTMLAttributes<HTMLImageElement>) {
  return (
    <picture>
      {image.preview_url && <source srcSet={image.preview_url} type="image/avif" />}
      <img ref={imgRef} src={image.preview_fallback_url ?? image.thumbnail_512_url ?? image.image_url ?? ""} {...img} />
    </picture>
  );
}

export const ZoomableImage = forwardRef<Zoom, {
  image: ImageItem; onPrevious?: () => void; onNext?: () => void;
}>(function ZoomableImage({ image, onPrevious, onNext }, ref) {
  const { t } = useI18n();
  const transform = useRef<ReactZoomPanPinchRef>(null);
  const fitted = useRef<HTMLImageElement>(null);
  // this image's scale (rounded: re-rendered at each step, not at each frame) and fitted width;
  // another image starts fitted, the controls staying where they are (a focused one keeps focus)
  const fresh = { id: image.image_id, scale: 1, fittedWidth: 0 };
  const [view, setView] = useState(fresh);
  const { scale, fittedWidth } = view.id === image.image_id ? view : fresh;
  const update = (change: Partial<typeof fresh>) =>
    setView((last) => ({ ...(last.id === image.image_id ? last : fresh), ...change }));
  const setScale = (next: number) => update({ scale: next });
  const setFittedWidth = (next: number) => update({ fittedWidth: next });
  const swipe = useRef<{ x: number; y: number; at: number; id: number } | null>(null);
  const zoomed = isZoomed(scale);
  // one pixel of the original to one CSS pixel; 1 when it is shown whole at its size already
  const original = image.width ?? 0;
  const actualScale = original && fittedWidth ? Math.max(1, original / fittedWidth) : 1;
  const maxScale = Math.max(4, 2 * actualScale); // up to twice the actual size, at least 4×
  useEffect(() => {
    const measure = () => setFittedWidth(fitted.current?.offsetWidth ?? 0);
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, [image.image_id]); // eslint-disable-line react-hooks/exhaustive-deps -- this image's
  const zoomIn = () => transform.current?.zoomIn(STEP);
  const zoomOut = () => transform.current?.zoomOut(STEP);
  const fit = () => transform.current?.resetTransform();
  const pan = (x: -1 | 0 | 1, y: -1 | 0 | 1) => {
    const controls = transform.current;
    const wrapper = controls?.instance.wrapperComponent;
    if (!controls || !wrapper || !isZoomed(controls.state.scale)) return false;
    // a tenth of the stage a press; the content moves the other way from where the view goes
    void controls.panBy(-x * wrapper.clientWidth * PAN_STEP, -y * wrapper.clientHeight * PAN_STEP, 100);
    return true;
  };
  useImperativeHandle(ref, () => ({ zoomIn, zoomOut, fit, pan }));
  const start = (event: PointerEvent) => {
    if (event.pointerType === "mouse" || !event.isPrimary) swipe.current = null; // a second finger: a pinch
    else swipe.current = { x: event.clientX, y: event.clientY, at: event.timeStamp, id: event.pointerId };
  };
  const end = (event: PointerEvent) => {
    const from = swipe.current;
    swipe.current = null;
    if (!from || from.id !== event.pointerId || zoomed) return;
    const dx = event.clientX - from.x;
    const dy = event.clientY - from.y;
    if (Math.abs(dx) < SWIPE_PX || Math.abs(dx) < 1.5 * Math.abs(dy) || event.timeStamp - from.at > SWIPE_MS) return;
    (dx < 0 ? onNext : onPrevious)?.();
  };
  const atActual = Math.abs(scale - actualScale) < 0.01;
  return (
    <div className={`zoom-area${zoomed ? " zoomed" : ""}`} data-testid="viewer-zoom"
         onPointerDown={start} onPointerUp={end} onPointerCancel={() => { swipe.current = null; }}>
      <TransformWrapper key={image.image_id} ref={transform} minScale={1} maxScale={maxScale}
                        // in: to 2.5×; out, from any zoom: to fitted (the step takes it below 1)
                        doubleClick={{ mode: "toggle", step: zoomed ? maxScale : 1.5 }} wheel={{ step: 0.2 }}
                        // at 1 there is nothing to pan: a drag is a swipe, not a move
                        panning={{ disabled: !zoomed, velocityDisabled: true }}
                        onTransform={(_, state) => setScale(shown(state.scale))}>
        <TransformComponent wrapperClass="zoom-wrapper" contentClass="zoom-content">
          <div className="zoom-frame">
            <Preview image={image} alt={image.prompt} imgRef={fitted} draggable={false}
                     onLoad={() => setFittedWidth(fitted.current?.offsetWidth ?? 0)} />
            {/* the original's own pixels over the preview's, once zoomed in (fetched then) */}
            {zoomed && image.image_url && (
              <img className="zoom-original" src={image.image_url} alt="" aria-hidden draggable={false} />
            )}
          </div>
        </TransformComponent>
      </TransformWrapper>
      <div className="zoom-controls" role="group" aria-label={t("zoom")}>
        <button type="button" aria-label={t("zoomOut")} disabled={!zoomed} onClick={zoomOut}>
          <MinusIcon aria-hidden />
        </button>
        <span className="zoom-level">{Math.round(scale * 100)}%</span>
        <button type="button" aria-label={t("zoomIn")} disabled={scale >= maxScale - 0.01} onClick={zoomIn}>
          <PlusIcon aria-hidden />
        </button>
        {/* shown whole at its own size already: nothing to enlarge to */}
        <button type="button" aria-pressed={zoomed && atActual} disabled={actualScale <= 1 && !zoomed}
                onClick={() => (zoomed && atActual ? fit() : transform.current?.centerView(actualScale))}>
          {t("actualSize")}
        </button>
      </div>
    </div>
  );
});
