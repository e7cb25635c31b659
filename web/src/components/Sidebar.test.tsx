import { fireEvent, render, screen } from "@testing-library/react";

import { Api, NO_FILTERS } from "../api";
import { I18nProvider } from "../i18n";
import { fakeFetch } from "../test/fakeApi";
import { QueryWrapper } from "../test/query";
import { Sidebar } from "./Sidebar";
import { ToastProvider } from "./Toast";

test("tags that fail to load (the first try and its two retries) say why in the UI language, and Retry loads them", async () => {
  let failures = 3;
  fakeFetch({
    "GET /api/v1/files/tags": () =>
      failures-- > 0 ? [500, { message: "Internal server error" }] : [200, [{ tag_id: "t-1", name: "고양이", usage_count: 7 }]],
    "GET /api/v1/files/folders": () => [200, []],
    "GET /api/v1/workspaces": () => [200, []],
    "GET /api/v1/workspaces/invitations": () => [200, []],
  });
  render(
    <I18nProvider initial="ko"><ToastProvider>
      <Sidebar api={new Api("t")} filters={NO_FILTERS} folders={[]} workspaces={[]} onChange={() => undefined} />
    </ToastProvider></I18nProvider>,
    { wrapper: QueryWrapper },
  );
  expect(await screen.findByRole("alert")).toHaveTextContent("문제가 발생했습니다. 다시 시도하세요");
  expect(screen.queryByText("Internal server error")).toBeNull();
  fireEvent.click(screen.getByRole("button", { name: "다시 시도" }));
  expect(await screen.findByRole("button", { name: /#고양이/ })).toBeInTheDocument();
  expect(screen.queryByRole("alert")).toBeNull();
});
