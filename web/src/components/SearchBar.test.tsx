import { fireEvent, render, screen, waitFor } from "@testing-library/react";

import { Api } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { SearchBar } from "./SearchBar";

test("tags are suggested for the word being typed, asked once it rests, completing the query", async () => {
  const calls = fakeFetch({
    "GET /api/v1/search/tags/suggest": (url) =>
      [200, { suggestions: url.searchParams.get("prefix") === "고양" ? ["고양이", "고양이옷"] : [] }],
  });
  render(<I18nProvider initial="en"><SearchBar api={new Api("t")} filters={{ q: "" } as never} onChange={() => undefined} /></I18nProvider>,
         { wrapper: QueryWrapper });
  const field = screen.getByLabelText("Search prompts (Korean or English)");
  for (const typed of ["우주 고", "우주 고양"]) fireEvent.change(field, { target: { value: typed } });
  const options = screen.getByTestId("search-tags");
  await waitFor(() => expect(options.querySelectorAll("option")).toHaveLength(2));
  expect([...options.querySelectorAll("option")].map((o) => [o.value, o.label]))
    .toEqual([["우주 고양이", "#고양이"], ["우주 고양이옷", "#고양이옷"]]);
  // the letters typed in a row asked nothing; only the word that rested did
  expect(calls.map((c) => c.url.searchParams.get("prefix"))).toEqual(["고양"]);
});
