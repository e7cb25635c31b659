import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";
import { SharePage } from "./components/SharePage";
import { I18nProvider } from "./i18n";
import "./styles.css";

// /s/{token}: a share link, opened by anyone, signed in or not
const shareToken = /^\/s\/([^/]+)$/.exec(window.location.pathname)?.[1] ?? null;

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <I18nProvider>
      {shareToken ? <SharePage token={shareToken} /> : <App />}
    </I18nProvider>
  </StrictMode>,
);
