import { gzipSync } from "node:zlib";

import { type BuiltChunk, firstScreen } from "./firstScreenBudget";

function chunk(fileName: string, code: string, extra: Partial<BuiltChunk> = {}): BuiltChunk {
  return { fileName, code, isEntry: false, imports: [], facadeModuleId: `/web/src/${fileName}.ts`, ...extra };
}
const size = (code: string) => gzipSync(code).length;

test("the first screen is the entry, what it imports statically (transitively) and the largest catalogue", () => {
  const chunks = [
    chunk("index.js", "entry();".repeat(50), { isEntry: true, imports: ["vendor.js"] }),
    chunk("vendor.js", "react();".repeat(80), { imports: ["shared.js"] }),
    chunk("shared.js", "shared();"),
    chunk("ImageView.js", "viewer();".repeat(500)), // lazy: not counted however big
    chunk("en.js", "english", { facadeModuleId: "/web/src/locales/en.json" }),
    chunk("ko.js", "한국어 메시지들", { facadeModuleId: "/web/src/locales/ko.json" }),
  ];
  const { files, total } = firstScreen(chunks);
  expect(Object.keys(files).sort()).toEqual(["index.js", "ko.js", "shared.js", "vendor.js"]);
  expect(total).toBe(size("entry();".repeat(50)) + size("react();".repeat(80)) + size("shared();") +
                     size("한국어 메시지들"));
});
