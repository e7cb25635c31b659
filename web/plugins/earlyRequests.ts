// What the page asks for before the app's own code has arrived (a round trip less each:
// 560 ms on Slow 4G), from an inline script first in <head> (one after a stylesheet would
// wait for it):
// - config.json, whose body loadConfig (src/config.ts) reads;
// - the UI language's catalogue, which main.tsx waits for before the first render (only the
//   browser knows the language: the same rule as browserLanguage() in src/i18n.tsx);
// - signed in on "/", the listing's first page once config.json says where the API is
//   (src/firstListing.ts: the API client takes it only if it would ask exactly that).
import type { Plugin } from "vite";

import { FIRST_LISTING_PATH } from "../src/firstListing";

/** The inline script; `catalogues` maps each language to its chunk's address. */
export function earlyScript(catalogues: Record<string, string>): string {
  return `window.configRequest=fetch("/config.json",{cache:"no-store"}).then(function(r){` +
    `return r.ok&&(r.headers.get("content-type")||"").indexOf("json")>=0?r.json():null})` +
    `.catch(function(){return null});` +
    `{var s=sessionStorage.getItem("pingvas.language"),f=${JSON.stringify(catalogues)},` +
    `l=s in f?s:navigator.language.toLowerCase().startsWith("ko")?"ko":"en",` +
    `k=document.createElement("link");k.rel="modulepreload";k.href=f[l];document.head.append(k)}` +
    `{var e=null;try{e=JSON.parse(sessionStorage.getItem("pingvas.session")||"null")}catch(x){}` +
    `if(e&&e.token&&location.pathname==="/"&&!location.search)` +
    `window.firstListing=window.configRequest.then(function(c){` +
    `var b=c&&c.mode==="cognito"&&c.apiBase?String(c.apiBase).replace(/\\/$/,""):"",` +
    `u=new URL(b+${JSON.stringify(FIRST_LISTING_PATH)},location.href).href,a="Bearer "+e.token;` +
    `return{url:u,authorization:a,sentAt:performance.now(),answer:fetch(u,{headers:{Authorization:a}})}})}`;
}

export function earlyRequests(): Plugin {
  return {
    name: "early-requests",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, { bundle }) {
        const files: Record<string, string> = {};
        for (const output of Object.values(bundle ?? {})) {
          const language = output.type === "chunk" && /\/src\/locales\/([a-z]+)\.json$/.exec(output.facadeModuleId ?? "")?.[1];
          if (language) files[language] = `/${output.fileName}`;
        }
        return [{ tag: "script", children: earlyScript(files), injectTo: "head-prepend" }];
      },
    },
  };
}
