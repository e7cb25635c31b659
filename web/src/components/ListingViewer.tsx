// The viewer over the listing it was opened from: ←/→ walk the listing's cached pages (the
// gallery's query, so images loaded since are reachable), and → at the last loaded image
// fetches the next page by its cursor and moves on. A lazy chunk, as the viewer is.
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { type ComponentProps, useEffect, useMemo, useRef, useState } from "react";

import type { Filters, ImageItem } from "../api";
import { imageListQuery, patchImage } from "../queries";
import { ImageView } from "./ImageView";
import { useToast } from "./Toast";

type Props = Omit<ComponentProps<typeof ImageView>, "onPrevious" | "onNext" | "nextBusy" | "neighbours"> & {
  /** The filters of the listing it was opened from (its query's key). */
  listing: Filters;
  /** Shows another image of the listing in the viewer. */
  onShow: (image: ImageItem) => void;
};

export function ListingViewer({ listing, image, onShow, onChange, ...view }: Props) {
  const client = useQueryClient();
  const toast = useToast();
  // read from the cache, not fetched again on opening (not even when stale): the gallery's
  // observer keeps the query fresh; fetchNextPage still asks for the next page
  const query = useInfiniteQuery({ ...imageListQuery(view.api, listing), enabled: false });
  const items = useMemo(() => query.data?.pages.flatMap((page) => page.items) ?? [], [query.data]);

  // an image that left the listing (moved out of the folder, unstarred in the favourites)
  // keeps its place: ← and → go on from there
  const found = items.findIndex((i) => i.image_id === image.image_id);
  const [place, setPlace] = useState({ id: image.image_id, index: found });
  if (found >= 0 && (found !== place.index || image.image_id !== place.id)) {
    setPlace({ id: image.image_id, index: found });
  }
  const index = found >= 0 ? found : place.id === image.image_id ? place.index : -1;
  const previous = index > 0 ? items[index - 1] : undefined;
  const next = index >= 0 ? items[found >= 0 ? index + 1 : index] : undefined;

  // the page came after a →: move on only if the viewer still shows that image
  const shown = useRef<string | null>(null);
  useEffect(() => {
    shown.current = image.image_id;
    return () => { shown.current = null; };
  }, [image.image_id]);
  const [waiting, setWaiting] = useState(false);
  const fetchNext = () => {
    const from = image.image_id;
    setWaiting(true);
    // a fetch already running (the gallery's, a reload after a change) is joined, not cancelled
    void query.fetchNextPage({ cancelRefetch: false }).then((result) => {
      setWaiting(false);
      if (result.isError) return toast({ message: { error: result.error } });
      const loaded = result.data?.pages.flatMap((page) => page.items) ?? [];
      const at = loaded.findIndex((i) => i.image_id === from);
      const after = loaded[at >= 0 ? at + 1 : index];
      if (after && shown.current === from) onShow(after);
    });
  };

  return (
    <ImageView {...view} image={image}
               onChange={(changed) => {
                 // the listing's copy too: ← back to it shows the change before the reload lands
                 patchImage(client, changed.image_id, changed);
                 onChange(changed);
               }}
               onPrevious={previous && (() => onShow(previous))}
               onNext={next ? () => onShow(next) : index >= 0 && query.hasNextPage ? fetchNext : undefined}
               nextBusy={waiting}
               neighbours={[previous, next].filter((i) => i !== undefined)} />
  );
}
