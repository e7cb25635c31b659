import { QueryClientProvider, useQuery } from "@tanstack/react-query";
import { MenuIcon, SearchIcon, SettingsIcon, XIcon } from "lucide-react";
import { useEffect, useMemo, useState } from "react";

import { Api, type Filters, type Folder, type ImageItem, isNarrowed } from "./api";
import { loadSession, saveSession, type Session, signOut } from "./auth";
import type { AppConfig } from "./config";
import { FilterPanel } from "./components/FilterPanel";
import { GALLERY_ID, Gallery } from "./components/Gallery";
import { Preferences } from "./components/Preferences";
import { SearchBar } from "./components/SearchBar";
import { Sheet } from "./components/Sheet";
import { Sidebar } from "./components/Sidebar";
import { StorageMeter } from "./components/StorageMeter";
import { ToastProvider } from "./components/Toast";
import { Uploader } from "./components/Uploader";
import { useI18n } from "./i18n";
import { lazyComponent } from "./lazy";
import { keys, newQueryClient, useLibraryChanged } from "./queries";
import { useUrlFilters } from "./urlState";
import { useNarrow } from "./viewport";

// not on the first screen: fetched when first shown
const BulkBar = lazyComponent(() => import("./components/BulkBar").then((m) => m.BulkBar));
const TrashActions = lazyComponent(() => import("./components/TrashActions").then((m) => m.TrashActions));
const ListingViewer = lazyComponent(() => import("./components/ListingViewer").then((m) => m.ListingViewer));
const ShareDialog = lazyComponent(() => import("./components/ShareDialog").then((m) => m.ShareDialog));
const Links = lazyComponent(() => import("./components/Links").then((m) => m.Links));
// signed out only: a signed-in first screen never shows it
const SignIn = lazyComponent(() => import("./components/SignIn").then((m) => m.SignIn));
const FilterChips = lazyComponent(() => import("./components/FilterChips").then((m) => m.FilterChips));
const Members = lazyComponent(() => import("./components/Members").then((m) => m.Members));
// over a folder's images: its breadcrumbs, subfolders or not, its actions (a smart folder's too)
const FolderBar = lazyComponent(() => import("./components/FolderBar").then((m) => m.FolderBar));

export function App({ config = { mode: "local", apiBase: "" } }: { config?: AppConfig }) {
  const { t } = useI18n();
  const [session, setSession] = useState<Session | null>(loadSession);
  const [sessionEnded, setSessionEnded] = useState(false); // a 401 signed us out: say why
  const api = useMemo(() => {
    const token = session?.token ?? null;
    return new Api(token, config.apiBase, () => {
      if (!token || loadSession()?.token !== token) return; // a late answer to a session already gone
      void signOut(config);
      setSession(null);
      setSessionEnded(true);
    });
    // config is fixed for the page's life (and a new default object each render in tests)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, config.apiBase]);
  // one cache per user: nothing answered for one session is shown in the next
  const queryClient = useMemo(newQueryClient, [session?.userId]);

  if (!session) {
    return (
      <SignIn config={config} notice={sessionEnded ? t("error.unauthorized") : undefined}
              onSignedIn={(next) => { saveSession(next); setSession(next); setSessionEnded(false); }} />
    );
  }
  return (
    <QueryClientProvider client={queryClient}>
      {/* the toasts outlive what sent them (an Undo stays after the bulk bar goes) */}
      <ToastProvider>
        <Dashboard api={api} session={session} onSignOut={() => { void signOut(config); setSession(null); }} />
      </ToastProvider>
    </QueryClientProvider>
  );
}

function Dashboard({ api, session, onSignOut }: { api: Api; session: Session; onSignOut: () => void }) {
  const { t } = useI18n();
  const narrow = useNarrow();
  const [filters, setFilters] = useUrlFilters();
  const [open, setOpen] = useState<ImageItem | null>(null);
  const [openedIn, setOpenedIn] = useState<Filters>(filters); // the listing the viewer steps through
  const libraryChanged = useLibraryChanged();
  const foldersQuery = useQuery({ queryKey: keys.folders, queryFn: () => api.folders() });
  const workspacesQuery = useQuery({ queryKey: keys.workspaces, queryFn: () => api.workspaces() });
  const folders = foldersQuery.data ?? [];
  const workspaces = workspacesQuery.data ?? [];
  const failedLoad = [foldersQuery, workspacesQuery].find((query) => query.isError);
  const [searching, setSearching] = useState(Boolean(filters.q)); // the search field, on a phone
  // opened by a tap on its button, not by a ?q= on load: only then the keyboard comes up
  const [searchTapped, setSearchTapped] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [menu, setMenu] = useState(false); // the sidebar, on a phone
  const [sharingFolder, setSharingFolder] = useState<Folder | null>(null);
  useEffect(() => setSelected(new Set()), [filters]);
  const changed = () => void libraryChanged();
  const select = (imageIds: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of imageIds) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const workspace = workspaces.find((w) => w.workspace_id === filters.workspace);

  const sidebar = (
    <Sidebar api={api} filters={filters} folders={folders} workspaces={workspaces}
             // a pick in the drawer is where to go: the drawer gets out of the way
             onChange={(next) => { setFilters(next); setMenu(false); }}
             onFoldersChanged={changed}
             onImagesMoved={() => { setSelected(new Set()); changed(); }}
             loadFailure={failedLoad && { error: failedLoad.error, retry: () => {
               void foldersQuery.refetch();
               void workspacesQuery.refetch();
             } }} />
  );
  return (
    <div className="app">
      {/* the first Tab stop: past the header and the sidebar (dozens of stops) to the images */}
      <a className="skip-link" href={`#${GALLERY_ID}`} onClick={(event) => {
        event.preventDefault(); // focus, not a #hash in the URL the filters live in
        document.getElementById(GALLERY_ID)?.focus();
      }}>{t("skipToImages")}</a>
      {/* one row on a phone: the menu, the brand, search behind a button, the settings */}
      <header className={searching ? "searching" : undefined}>
        {narrow && (
          <Sheet side="start" title={t("sidebar")} hideTitle open={menu} onOpenChange={setMenu}
                 trigger={<button type="button" className="icon-button" aria-label={t("menu")}>
                   <MenuIcon aria-hidden /></button>}>
            <StorageMeter api={api} />
            {sidebar}
          </Sheet>
        )}
        <h1 className="brand">{t("appName")}</h1>
        {(!narrow || searching) && (
          <SearchBar api={api} filters={filters} onChange={setFilters} autoFocus={narrow && searchTapped} />
        )}
        {narrow && (
          <button type="button" className="icon-button" aria-expanded={searching}
                  aria-label={searching ? t("closeSearch") : t("openSearch")}
                  onClick={() => { setSearching((s) => !s); setSearchTapped(true); }}>
            {searching ? <XIcon aria-hidden /> : <SearchIcon aria-hidden />}
          </button>
        )}
        {narrow ? (
          <Sheet side="top-end" title={t("settings")}
                 trigger={<button type="button" className="icon-button" aria-label={t("settings")}>
                   <SettingsIcon aria-hidden /></button>}>
            <div className="preferences"><Preferences onSignOut={onSignOut} /></div>
          </Sheet>
        ) : (
          <>
            <StorageMeter api={api} />
            <Preferences onSignOut={onSignOut} />
          </>
        )}
      </header>
      {!narrow && sidebar}
      <main>
        {filters.links ? <Links api={api} folders={folders} /> : <>
        {/* one row over the images (a phone's first screen is short): filters, and the upload
            or the trash's actions */}
        <div className="library-bar">
          {!filters.trash && <FilterPanel api={api} filters={filters} onChange={setFilters} />}
          {filters.workspace ? null : filters.trash ? (
            <TrashActions api={api} onEmptied={changed} />
          ) : (
            <Uploader api={api} onUploaded={changed} />
          )}
        </div>
        {!filters.trash && isNarrowed(filters) && <FilterChips api={api} filters={filters} folders={folders} onChange={setFilters} />}
        {(filters.folder || filters.smart) && !filters.workspace && !filters.trash && (
          <FolderBar api={api} filters={filters} folders={folders} onChange={setFilters} onFoldersChanged={changed}
                     onShare={setSharingFolder} />
        )}
        {workspace && (
          <Members api={api} workspace={workspace} userId={session.userId} onRenamed={changed}
                   onGone={() => { setFilters({ workspace: "" }); changed(); }} />
        )}
        {selected.size > 0 && !filters.workspace && (
          <BulkBar api={api} filters={filters} selected={selected} folders={folders}
                   workspaces={workspaces} onDone={changed} onClear={() => setSelected(new Set())} />
        )}
        {/* no bulk actions in a workspace (the bar is for my own images): no checkboxes there */}
        <Gallery api={api} filters={filters} onChange={setFilters}
                 onOpen={(image) => { setOpen(image); setOpenedIn(filters); }}
                 selected={selected} onSelect={filters.workspace ? undefined : select} />
        </>}
      </main>
      {sharingFolder && (
        <ShareDialog api={api} target={{ folderId: sharingFolder.folder_id, name: sharingFolder.name }}
                     onClose={() => setSharingFolder(null)} />
      )}
      {open && (
        <ListingViewer api={api} image={open} listing={openedIn} onShow={setOpen} folders={folders}
                       workspace={workspace ? { id: workspace.workspace_id, role: workspace.role,
                                                userId: session.userId } : undefined}
                       onChange={(next) => {
                         // an answer after Close (or after → to another image) leaves the viewer as it is
                         setOpen((shown) => (shown?.image_id === next.image_id ? next : shown));
                         changed();
                       }}
                       onDeleted={() => { setOpen(null); changed(); }}
                       onRestored={() => { setOpen(null); changed(); }}
                       onShowStack={(image) => { setOpen(null); setFilters({ stack: image.image_id }); }}
                       onClose={() => setOpen(null)} />
      )}
    </div>
  );
}
