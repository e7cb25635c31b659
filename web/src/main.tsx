import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";

import { App } from "./App";
import { saveSession } from "./auth";
import { type AppConfig, loadConfig } from "./config";
import { browserLanguage, I18nProvider, loadCatalogue } from "./i18n";
import { lazyComponent } from "./lazy";
import { applyTheme, followSystemTheme, storedTheme } from "./theme";
import "./styles.css";

// a visitor's page: its own chunk, not part of the dashboard's first screen
const SharePage = lazyComponent(() => import("./components/SharePage").then((m) => m.SharePage));

// /s/{token}: a share link, opened by anyone, signed in or not
const shareToken = /^\/s\/([^/]+)$/.exec(window.location.pathname)?.[1] ?? null;

function Root({ config }: { config: AppConfig }) {
  const [ready, setReady] = useState(window.location.pathname !== "/auth/callback");
  useEffect(() => {
    if (ready || config.mode !== "cognito") return;
    // back from Cognito's hosted UI: trade the code for tokens, then the app
    void (async () => {
      const { oidc, sessionFromUser } = await import("./oidc");
      saveSession(sessionFromUser(await oidc(config.authority, config.clientId).signinRedirectCallback()));
      window.history.replaceState(null, "", "/");
      setReady(true);
    })();
  }, [config, ready]);
  if (shareToken) return <SharePage token={shareToken} apiBase={config.apiBase} />;
  return ready ? <App config={config} /> : null;
}

// index.html set the theme before the first paint; from here on it follows the system too
applyTheme(storedTheme());
followSystemTheme();

// the configuration and the messages of the first language come in side by side
void Promise.all([loadConfig(), loadCatalogue(browserLanguage())]).then(([config]) =>
  createRoot(document.getElementById("root") as HTMLElement).render(
    <StrictMode>
      <I18nProvider>
        <Root config={config} />
      </I18nProvider>
    </StrictMode>,
  ),
);
