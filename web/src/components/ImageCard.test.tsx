import { render, screen } from "@testing-library/react";
import { vi } from "vitest";

import { I18nProvider } from "../i18n";
import { image } from "../test/fakeApi";
import { ImageCard } from "./ImageCard";

function tile(item: ReturnType<typeof image>, size: number) {
  render(
    <I18nProvider initial="en">
      <ImageCard image={item} size={size} index={0} selected={false}
                 onOpen={() => undefined} onToggleFavorite={() => undefined} onToggleSelect={() => undefined} />
    </I18nProvider>,
  );
  return screen.getByRole("img");
}

test("a tile offers both thumbnails by width, so a HiDPI screen takes the 512", () => {
  const img = tile(image(1, { width: 768, height: 512 }), 200); // landscape: the frame is the cell's width
  expect(img).toHaveAttribute("srcset", "https://cdn/1_256.webp 256w, https://cdn/1_512.webp 512w");
  expect(img).toHaveAttribute("sizes", "200px");
  expect(img).toHaveAttribute("src", "https://cdn/1_256.webp"); // for a browser without srcset
});

test("a portrait tile names its thumbnails' narrower widths and its frame's width", () => {
  const img = tile(image(2, { width: 512, height: 768 }), 240);
  expect(img).toHaveAttribute("srcset", "https://cdn/2_256.webp 171w, https://cdn/2_512.webp 341w");
  expect(img).toHaveAttribute("sizes", "160px");
});

test("an original smaller than both thumbnails is offered once", () => {
  const img = tile(image(3, { width: 200, height: 100 }), 200);
  expect(img).toHaveAttribute("srcset", "https://cdn/3_256.webp 200w");
});

test("in the trash a tile says how many days are left before it is deleted for good", () => {
  vi.useFakeTimers({ now: new Date("2026-12-02T12:00:00Z") });
  try {
    // deleted 7 days and 3 hours ago, purged 30 days after (the API says when)
    tile(image(4, { deleted_at: "2026-11-25T09:00:00Z", purge_after: "2026-12-25T09:00:00Z" }), 200);
    expect(screen.getByText("Deleted for good in 23 days")).toBeInTheDocument();
  } finally {
    vi.useRealTimers();
  }
});

test("a tile outside the trash says nothing of deleting", () => {
  tile(image(5), 200);
  expect(screen.queryByText(/Deleted for good/)).toBeNull();
});
