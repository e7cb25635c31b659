import { render, screen } from "@testing-library/react";
import { vi } from "vitest";

import { I18nProvider } from "../i18n";
import { image } from "../test/fakeApi";
import { fromFirstMatch, ImageCard } from "./ImageCard";

function tile(item: ReturnType<typeof image>, width: number, height = width) {
  render(
    <I18nProvider initial="en">
      <ImageCard image={item} box={{ left: 0, width, height }} index={0} selected={false} selectable tabStop
                 actions={{ open: () => undefined, toggleFavorite: () => undefined, toggleSelect: () => undefined, openStack: () => undefined }} />
    </I18nProvider>,
  );
  return screen.getByRole("img");
}

test("a tile offers both thumbnails by width, so a HiDPI screen takes the 512", () => {
  const img = tile(image(1, { width: 768, height: 512 }), 200, 133); // a 3:2 tile in a justified row
  expect(img).toHaveAttribute("srcset", "https://cdn/1_256.webp 256w, https://cdn/1_512.webp 512w");
  expect(img).toHaveAttribute("sizes", "200px");
  expect(img).toHaveAttribute("src", "https://cdn/1_256.webp"); // for a browser without srcset
});

test("a thumbnail index.html fetched with the first page is shown as it is: no srcset to choose the other size", () => {
  window.firstThumbnails = new Set(["https://cdn/3_512.webp"]);
  const early = tile(image(3), 200, 133);
  expect(early).toHaveAttribute("src", "https://cdn/3_512.webp");
  expect(early).not.toHaveAttribute("srcset");
  expect(early).not.toHaveAttribute("sizes");
  delete window.firstThumbnails;
});

test("a portrait tile names its thumbnails' narrower widths and its tile's width", () => {
  const img = tile(image(2, { width: 512, height: 768 }), 160, 240);
  expect(img).toHaveAttribute("srcset", "https://cdn/2_256.webp 171w, https://cdn/2_512.webp 341w");
  expect(img).toHaveAttribute("sizes", "160px");
});

test("an original smaller than both thumbnails is offered once", () => {
  const img = tile(image(3, { width: 200, height: 100 }), 200, 100);
  expect(img).toHaveAttribute("srcset", "https://cdn/3_256.webp 200w");
});

test("in the trash a tile says how many days are left before it is deleted for good", () => {
  vi.useFakeTimers({ now: new Date("2026-12-02T12:00:00Z") });
  try {
    // deleted 7 days and 3 hours ago, purged 30 days after (the API says when)
    tile(image(4, { deleted_at: "2026-11-25T09:00:00Z", purge_after: "2026-12-25T09:00:00Z" }), 200, 133);
    expect(screen.getByText("Deleted for good in 23 days")).toBeInTheDocument();
  } finally {
    vi.useRealTimers();
  }
});

test("a tile outside the trash says nothing of deleting", () => {
  tile(image(5), 200, 133);
  expect(screen.queryByText(/Deleted for good/)).toBeNull();
});

test("a panorama cropped to its tile asks for a thumbnail as wide as it is shown, not the tile", () => {
  const img = tile(image(6, { width: 1536, height: 256 }), 250, 100); // 6:1, cropped to 2.5:1
  expect(img).toHaveAttribute("sizes", "600px");
  expect(img).toHaveAttribute("src", "https://cdn/6_512.webp");
});

test("the star is drawn by CSS, nothing a screen reader reads; the button keeps its name and state", () => {
  tile(image(7, { is_favorite: true }), 200, 133);
  const star = screen.getByRole("button", { name: "Remove from favourites" });
  expect(star).toHaveAttribute("aria-pressed", "true");
  expect(star.childElementCount).toBe(0); // no inline <svg>: two elements fewer on every tile
  expect(star.textContent).toBe(""); // no ★ glyph (a missing-glyph box without an emoji font)
});

test("a tile's caption starts a word before the first match, so a small tile shows the match", () => {
  expect(fromFirstMatch("우주복을 입은 <em>고양이</em>, 8k")).toBe("… 입은 <em>고양이</em>, 8k");
  expect(fromFirstMatch("<em>고양이</em>가 달 위를 걷는다")).toBe("<em>고양이</em>가 달 위를 걷는다");
  expect(fromFirstMatch("a <em>cat</em>")).toBe("a <em>cat</em>");
  expect(fromFirstMatch("Tom &amp; Jerry, a <em>cat</em>")).toBe("… a <em>cat</em>");
  expect(fromFirstMatch("no match at all here")).toBe("no match at all here");
  // a wide tile has room for the words before it
  expect(fromFirstMatch("우주복을 입은 <em>고양이</em>", 28)).toBe("우주복을 입은 <em>고양이</em>");
});
