import { namesMessage, splitMessages } from "./catalogues";

test("code names a message by its key in any quotes, or by the prefix before a dynamic part", () => {
  const code = 't("signOut"); t(\'upload\'); t(`today`); t(`role_${role}`); id: `error.${code}`';
  for (const key of ["signOut", "upload", "today", "role_owner", "error.not_found"]) {
    expect([key, namesMessage(code, key)]).toEqual([key, true]);
  }
  // a longer key that starts like a named one, a key only in a comment's words, another prefix
  for (const key of ["signOutEverywhere", "share", "chip.model", "roleName"]) {
    expect([key, namesMessage(`${code} // share it`, key)]).toEqual([key, false]);
  }
});

test("the messages split into what the code names and the rest, none lost or doubled", () => {
  const messages = { a: 1, b: 2, "error.x": 3, "chip.y": 4 };
  const { first, rest } = splitMessages(messages, 'f("a"); g(`error.${c}`)');
  expect(first).toEqual({ a: 1, "error.x": 3 });
  expect(rest).toEqual({ b: 2, "chip.y": 4 });
});
