// What the page asks for before the app's own code has arrived (a round trip less each:
// 560 ms on Slow 4G), from an inline script first in <head> (one after a stylesheet would
// wait for it):
// - config.json, whose body loadConfig (src/config.ts) reads;
// - the UI language's catalogue, which main.tsx waits for before the first render (only the
//   browser knows the language: the same rule as browserLanguage() in src/i18n.tsx);
// - signed in on "/", the listing's first page (src/firstListing.ts: the API client takes it
//   only if it would ask exactly that): at once at the API this tab's last config.json named
//   (kept in session storage, as the session is), else once config.json says where it is;
// - a connection to where the thumbnails come from, as this tab's last first page said;
// - with that page, the first FIRST_THUMBNAILS thumbnails (the larger size: right for any
//   tile the first row gives them), which the grid then shows as they are (ImageCard): they
//   come while the app's code is still on its way, not a round trip after its first render.
import type { Plugin } from "vite";

import { FIRST_LISTING_PATH, FIRST_THUMBNAILS } from "../src/firstListing";

/** The inline script; `catalogues` maps each language to its chunk's address. */
export function earlyScript(catalogues: Record<string, string>): string {
  const config = `window.configRequest=fetch("/config.json",{cache:"no-store"}).then(function(r){` +
    `return r.ok&&(r.headers.get("content-type")||"").indexOf("json")>=0?r.json():null})` +
    `.catch(function(){});` +
    // where the API is (local: the same origin), kept for this tab's next start; not when
    // config.json did not come (undefined)
    `function base(c){return c&&c.mode==="cognito"&&c.apiBase?String(c.apiBase).replace(/\\/$/,""):""}` +
    `window.configRequest.then(function(c){if(c!==undefined)sessionStorage.setItem("pingvas.apiBase",base(c))});`;
  const language = `{var s=localStorage.getItem("pingvas.language"),f=${JSON.stringify(catalogues)},` +
    `l=s in f?s:navigator.language.toLowerCase().startsWith("ko")?"ko":"en",` +
    `k=document.createElement("link");k.rel="modulepreload";k.href=f[l];document.head.append(k)}`;
  // where the thumbnails come from (CloudFront's domain in AWS): connected to at once on the
  // tab's next start (DNS, TCP and TLS before the first thumbnail is asked, not after)
  const media = `{var m=sessionStorage.getItem("pingvas.mediaOrigin");if(m){` +
    `var c=document.createElement("link");c.rel="preconnect";c.href=m;document.head.append(c)}}`;
  const thumbnails = `function preload(p){var t=new Set(),` +
    `f=p.images.slice(0,${FIRST_THUMBNAILS}).map(function(i){return i.thumbnail_512_url||i.thumbnail_256_url})` +
    `.filter(Boolean);if(f.length)sessionStorage.setItem("pingvas.mediaOrigin",new URL(f[0]).origin);` +
    `if(sessionStorage.getItem("pingvas.view")!=="list"){window.firstThumbnails=t;f.forEach(function(u){t.add(u);new Image().src=u})}}`;
  const listing = `{var e=null;try{e=JSON.parse(sessionStorage.getItem("pingvas.session")||"null")}catch(x){}` +
    `if(e&&e.token&&location.pathname==="/"&&!location.search){${thumbnails}` +
    `var ask=function(b){var u=new URL(b+${JSON.stringify(FIRST_LISTING_PATH)},location.href).href,` +
    `a="Bearer "+e.token,r=fetch(u,{headers:{Authorization:a}});` +
    `r.then(function(x){return x.ok?x.clone().json():null}).then(function(p){p&&p.images&&preload(p)})` +
    `.catch(function(){});` +
    `return{url:u,authorization:a,sentAt:performance.now(),answer:r}},` +
    `b=sessionStorage.getItem("pingvas.apiBase");` +
    `window.firstListing=b!==null?Promise.resolve(ask(b)):window.configRequest.then(function(c){return ask(base(c))})}}`;
  return `(function(){${config + language + media + listing}})()`; // nothing of its own left on window
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
