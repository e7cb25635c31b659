import { useEffect, useMemo, useState } from "react";

import { Api, type Folder, type ImageItem } from "./api";
import { loadSession, saveSession, type Session } from "./auth";
import { Gallery } from "./components/Gallery";
import { ImageView } from "./components/ImageView";
import { SearchBar } from "./components/SearchBar";
import { Sidebar } from "./components/Sidebar";
import { SignIn } from "./components/SignIn";
import { StorageMeter } from "./components/StorageMeter";
import { Uploader } from "./components/Uploader";
import { useI18n } from "./i18n";
import { useUrlFilters } from "./urlState";

export function App() {
  const { t, language, setLanguage } = useI18n();
  const [session, setSession] = useState<Session | null>(loadSession);
  const [filters, setFilters] = useUrlFilters();
  const [open, setOpen] = useState<ImageItem | null>(null);
  const [changes, setChanges] = useState(0); // bumped when uploads land: lists reload
  const api = useMemo(() => new Api(session?.token ?? null), [session]);
  const [folders, setFolders] = useState<Folder[]>([]);
  useEffect(() => {
    if (session) api.folders().then(setFolders).catch(() => undefined);
  }, [api, session, changes]);
  const changed = () => setChanges((n) => n + 1);

  if (!session) {
    return <SignIn onSignedIn={(next) => { saveSession(next); setSession(next); }} />;
  }
  return (
    <div className="app">
      <header>
        <strong className="brand">{t("appName")}</strong>
        <SearchBar filters={filters} onChange={setFilters} />
        <StorageMeter api={api} refreshKey={changes} />
        <button type="button" onClick={() => setLanguage(language === "ko" ? "en" : "ko")}>{t("language")}</button>
        <button type="button" onClick={() => { saveSession(null); setSession(null); }}>{t("signOut")}</button>
      </header>
      <Sidebar api={api} filters={filters} onChange={setFilters} refreshKey={changes} onFoldersChanged={changed} />
      <main>
        {filters.trash ? (
          <div className="actions">
            <button type="button" className="danger" onClick={async () => { await api.emptyTrash(); changed(); }}>
              {t("emptyTrash")}
            </button>
          </div>
        ) : (
          <Uploader api={api} onUploaded={changed} />
        )}
        <Gallery api={api} filters={filters} onOpen={setOpen} reloadKey={changes} />
      </main>
      {open && (
        <ImageView api={api} image={open} folders={folders}
                   onChange={(next) => { setOpen(next); changed(); }}
                   onDeleted={() => { setOpen(null); changed(); }}
                   onClose={() => setOpen(null)} />
      )}
    </div>
  );
}
