import { useMutation, useQuery } from "@tanstack/react-query";
import { GlobeIcon, ImagesIcon, Link2, StarIcon, Trash2Icon, UsersIcon } from "lucide-react";
import { type FormEvent } from "react";

import type { Api, Filters, Folder, Workspace } from "../api";
import { useI18n } from "../i18n";
import { lazyComponent } from "../lazy";
import { keys, myInvitationsQuery } from "../queries";

import { FolderTree } from "./FolderTree";
import { LoadFailed } from "./LoadFailed";
import { useToast } from "./Toast";

/** A one-field form that creates something by name, and empties itself once it exists. */
function useCreate(create: (name: string) => Promise<unknown>, onCreated?: () => void) {
  const toast = useToast();
  const mutation = useMutation({
    mutationFn: ({ name }: { name: string; form: HTMLFormElement }) => create(name),
    onSuccess: (_, { form }) => {
      form.reset();
      onCreated?.();
    },
    onError: (error) => toast({ message: { error } }),
  });
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = (new FormData(event.currentTarget).get("name") as string).trim();
    if (name) mutation.mutate({ name, form: event.currentTarget });
  };
}

// only when there are some (seldom): the list and its actions are not the first screen's
const Invitations = lazyComponent(() => import("./SmartFolders").then((m) => m.Invitations));
// the smart folders (saved searches) and "Save this search": the same chunk
const SmartFolders = lazyComponent(() => import("./SmartFolders").then((m) => m.SmartFolders));

/** Where to look: everything, favourites, a folder (in the tree of them), a tag (with its
 * count). The folders and workspaces are the app's (it needs them too): fetched once there,
 * not again here, and `loadFailure` says when they could not be. A folder's own actions are
 * in the folder bar over its images (FolderBar). */
export function Sidebar({
  api, filters, folders, workspaces, onChange, onFoldersChanged, onImagesMoved, loadFailure,
}: {
  api: Api; filters: Filters; folders: Folder[]; workspaces: Workspace[];
  onChange: (next: Partial<Filters>) => void; onFoldersChanged?: () => void;
  /** Images dropped on a folder moved there (the selection they were is done with). */
  onImagesMoved?: () => void;
  loadFailure?: { error: unknown; retry: () => void };
}) {
  const { t, formatNumber } = useI18n();
  const createFolder = useCreate((name) => api.createFolder(name), onFoldersChanged);
  const createWorkspace = useCreate((name) => api.createWorkspace(name), onFoldersChanged);
  const tagsQuery = useQuery({ queryKey: keys.tags, queryFn: () => api.tags() });
  const tags = tagsQuery.data ?? [];
  const invited = (useQuery(myInvitationsQuery(api)).data?.length ?? 0) > 0; // invitations addressed to me wait
  const everything = !filters.favorite && !filters.folder && !filters.tag && !filters.trash
    && !filters.workspace && !filters.isPublic && !filters.links && !filters.smart;
  const mine = { workspace: "", trash: false, isPublic: false };
  return (
    <nav className="sidebar" aria-label={t("sidebar")}>
      {loadFailure && <LoadFailed error={loadFailure.error} onRetry={loadFailure.retry} />}
      {tagsQuery.isError && <LoadFailed error={tagsQuery.error} onRetry={() => void tagsQuery.refetch()} />}
      <button type="button" aria-current={everything} onClick={() => onChange({ ...mine, favorite: false, folder: "", tag: "" })}>
        <ImagesIcon aria-hidden />{t("myImages")}
      </button>
      <button type="button" aria-current={filters.favorite} onClick={() => onChange({ ...mine, favorite: true, folder: "", tag: "" })}>
        <StarIcon aria-hidden />{t("favourites")}
      </button>
      <button type="button" aria-current={Boolean(filters.isPublic)}
              onClick={() => onChange({ ...mine, isPublic: true, favorite: false, folder: "", tag: "" })}>
        <GlobeIcon aria-hidden />{t("public")}
      </button>
      <button type="button" aria-current={Boolean(filters.trash)}
              onClick={() => onChange({ trash: true, workspace: "", isPublic: false, favorite: false, folder: "", tag: "", q: "" })}>
        <Trash2Icon aria-hidden />{t("trash")}
      </button>
      <button type="button" aria-current={Boolean(filters.links)}
              onClick={() => onChange({ links: true, trash: false, workspace: "", isPublic: false, favorite: false,
                                        folder: "", tag: "", q: "" })}>
        <Link2 aria-hidden />{t("myLinks")}
      </button>
      <h2>{t("folders")}</h2>
      <form className="new-folder" onSubmit={createFolder}>
        <input name="name" placeholder={t("newFolder")} aria-label={t("folderName")} maxLength={255} />
      </form>
      <FolderTree api={api} folders={folders} current={filters.folder} onFoldersChanged={onFoldersChanged}
                  onImagesMoved={onImagesMoved}
                  onSelect={(folder) => onChange({ ...mine, folder, folderOnly: false, tag: "", favorite: false })} />
      <SmartFolders api={api} filters={filters} onChange={onChange} />
      <h2>{t("workspaces")}</h2>
      {invited && <Invitations api={api} onAnswered={onFoldersChanged} />}
      {workspaces.map((workspace) => (
        <button type="button" key={workspace.workspace_id}
                aria-current={filters.workspace === workspace.workspace_id}
                onClick={() => onChange({ workspace: workspace.workspace_id, trash: false, folder: "",
                                          tag: "", favorite: false })}>
          <UsersIcon aria-hidden />{workspace.name} <small>{t(`role_${workspace.role}`)}</small>
        </button>
      ))}
      <form className="new-folder" onSubmit={createWorkspace}>
        <input name="name" placeholder={t("newWorkspace")} aria-label={t("newWorkspace")} maxLength={255} />
      </form>
      {tags.length > 0 && <h2>{t("tags")}</h2>}
      <div className="tag-cloud">
        {tags.map((tag) => (
          <button type="button" key={tag.tag_id} aria-current={filters.tag === tag.name}
                  // a tag narrows the place (a folder) and the query, which stay as chips; the
                  // favourites and public views it replaces (picked, they would hide most of it)
                  onClick={() => onChange({ tag: filters.tag === tag.name ? "" : tag.name, trash: false,
                                            favorite: false, isPublic: false })}>
            #{tag.name} <small>{formatNumber(tag.usage_count)}</small>
          </button>
        ))}
      </div>
    </nav>
  );
}
