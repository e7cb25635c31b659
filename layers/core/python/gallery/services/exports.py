"""ZIP exports: asked for by the owner (some images, a folder and its subfolders, or a smart
folder), written by the exporter function as one S3 object by multipart upload (the
originals streamed through, never the whole archive in memory), downloadable for 24 h."""

import csv
import io
import json
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from gallery import db, invocations
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.db import acting_as
from gallery.errors import NotFound, TooManyRequests, ValidationFailed
from gallery.models.exports import EXPORT_LIMIT, ExportCreate, ExportCreated, ExportOut
from gallery.models.generation import generation_of
from gallery.observability import logger
from gallery.repositories import exports as repo
from gallery.repositories import folders as folders_repo
from gallery.repositories import images as images_repo
from gallery.repositories import smart_folders as smart_folders_repo
from gallery.storage import s3
from gallery.storage.keys import export_key, path_part, readable_name
from gallery.storage.multipart import MultipartWriter
from gallery.storage.urls import signer

# The archive's own lifecycle rule (stacks/storage.py) removes what the maintenance missed.
EXPORT_TAGGING = "kind=export"
_PROGRESS_EVERY = 2.0  # seconds between progress writes
_CSV_FIELDS = ("file", "image_id", "created_at", "folder", "prompt", "negative_prompt",
               "model", "seed", "width", "height", "steps", "cfg_scale", "sampler",
               "scheduler", "tags")  # fmt: skip


# --- asking, and what it says ------------------------------------------------------------------


def create_export(caller: Caller, request: ExportCreate) -> ExportCreated:
    """Queues the export (its source checked: mine, and not too many at work at once) and
    starts the exporter."""
    with acting_as(caller) as conn:
        _check_source(conn, caller, request)
        repo.lock_owner(conn, caller.user_id)
        if repo.open_count(conn, caller.user_id) >= get_settings().export_concurrency:
            raise TooManyRequests("too many exports at work: wait for one to finish",
                                  retry_after=30)  # fmt: skip
        source = request.model_dump(mode="json", exclude={"include_metadata"}, exclude_none=True)
        row = repo.insert(conn, caller.user_id, source, request.include_metadata)
    _start(caller.user_id, row["export_id"])
    return ExportCreated(**row)


def _check_source(conn, caller: Caller, request: ExportCreate) -> None:
    if request.folder_id is not None and not folders_repo.exists(
        conn, caller.user_id, request.folder_id
    ):
        raise NotFound("folder not found")
    if request.smart_folder_id is not None and not smart_folders_repo.get(
        conn, caller.user_id, request.smart_folder_id
    ):
        raise NotFound("smart folder not found")
    if request.image_ids is not None:
        wanted = set(request.image_ids)
        if len(images_repo.get_many(conn, caller.user_id, list(wanted))) != len(wanted):
            raise NotFound("one or more images not found")


def _start(user_id: UUID, export_id: UUID) -> None:
    """AWS: the exporter function, asynchronously. Locally the stack's thread runs what is
    queued (run_queued); a start that fails leaves it queued, and the maintenance fails it."""
    name = get_settings().exporter_function_name
    if not name:
        return
    payload = json.dumps({"user_id": str(user_id), "export_id": str(export_id)}).encode()
    invocations.start(name, payload, "the exporter")


def create_link_export(share: dict) -> ExportCreated:
    """A folder (or smart folder) link's images as the owner's export, made for the link
    (whose download permission and grant the caller checked): one at work per link."""
    if share["smart_folder_id"] is not None:
        source = {"smart_folder_id": str(share["smart_folder_id"])}
    else:
        source = {"folder_id": str(share["folder_id"]), "include_subfolders": True}
    owner = Caller(user_id=share["user_id"])
    with acting_as(owner) as conn:
        repo.lock_owner(conn, owner.user_id)
        if repo.open_count(conn, owner.user_id, share["share_id"]) >= 1:
            raise TooManyRequests("this link's archive is being made: wait for it",
                                  retry_after=30)  # fmt: skip
        row = repo.insert(conn, owner.user_id, source, share["show_metadata"], share["share_id"])
    _start(owner.user_id, row["export_id"])
    return ExportCreated(**row)


def get_export(caller: Caller, export_id: UUID) -> ExportOut:
    with acting_as(caller) as conn:
        row = repo.get(conn, caller.user_id, export_id)
    if row is None:
        raise NotFound("export not found")
    return _out(row)


def get_link_export(share: dict, export_id: UUID) -> ExportOut:
    """An export made for this link (the caller checked the link and its grant)."""
    with acting_as(Caller(user_id=share["user_id"])) as conn:
        row = repo.get(conn, share["user_id"], export_id, share["share_id"])
    if row is None:
        raise NotFound("export not found")
    return _out(row)


def _out(row: dict) -> ExportOut:
    export_id = row["export_id"]
    filename = f"pingvas-{row['created_at']:%Y-%m-%d}-{str(export_id)[:8]}.zip"
    url = None
    if row["status"] == "ready":
        url = signer().object_url(row["s3_key"], 15 * 60, attachment=filename)
    total = row["image_count"]
    progress = 1.0 if row["status"] == "ready" else (row["done_count"] / total if total else 0.0)
    return ExportOut(**row, progress=round(progress, 4), url=url, filename=filename)


# --- writing it ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    path: str  # in the archive
    row: dict


def run_export(user_id: UUID, export_id: UUID) -> str:
    """Writes one queued export (the exporter's invocation); a retried invocation finds it
    taken and does nothing. Returns the status it ends in."""
    caller = Caller(user_id=user_id)
    with acting_as(caller) as conn:
        job = repo.claim(conn, export_id)
    if job is None:
        return "taken"
    writer = None
    try:
        with acting_as(caller) as conn:
            entries = _entries(conn, caller, job["source"])
            repo.progress(conn, export_id, len(entries), 0)
        writer = MultipartWriter(export_key(user_id, export_id), content_type="application/zip",
                                 tagging=EXPORT_TAGGING)  # fmt: skip
        write_archive(writer, entries, job["include_metadata"], _reporter(caller, export_id))
        writer.close()
    except Exception as error:
        if writer is not None:
            writer.abort()
        logger.exception("export failed", extra={"export_id": str(export_id)})
        with acting_as(caller) as conn:
            repo.failed(conn, export_id, _reason(error))
        return "failed"
    with acting_as(caller) as conn:
        repo.ready(conn, export_id, size_bytes=writer.size, s3_key=writer.key,
                   version_id=writer.version_id)  # fmt: skip
    return "ready"


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationFailed):
        return error.message
    return "the export could not be written: try again"


def _reporter(caller: Caller, export_id: UUID):
    last = [time.monotonic()]

    def report(done: int, total: int) -> None:
        if time.monotonic() - last[0] < _PROGRESS_EVERY:
            return
        last[0] = time.monotonic()
        with acting_as(caller) as conn:
            repo.progress(conn, export_id, total, done)

    return report


def _entries(conn, caller: Caller, source: dict) -> list[Entry]:
    """The images to write and where: a folder's subtree as directories under its name,
    chosen images under their folders' paths, a smart folder's finds at the top."""
    if "smart_folder_id" in source:
        ids = _smart_folder_ids(conn, caller, UUID(source["smart_folder_id"]))
        folders = None
    elif "folder_id" in source:
        root = UUID(source["folder_id"])
        subtree = folders_repo.subtree(conn, caller.user_id, root)
        if not source.get("include_subfolders", True):
            subtree = subtree[:1]
        ids = images_repo.ids_in_folders(conn, caller.user_id, subtree)
        folders = root
    else:
        ids = [UUID(i) for i in source["image_ids"]]
        folders = None
    if len(ids) > EXPORT_LIMIT:
        raise ValidationFailed(f"an archive holds at most {EXPORT_LIMIT:,} images")
    rows: list[dict] = []
    for start in range(0, len(ids), 1000):
        found = images_repo.get_many(conn, caller.user_id, ids[start : start + 1000])
        rows += [found[i] for i in ids[start : start + 1000] if i in found]
    names = _directories(conn, caller, rows, folders, "smart_folder_id" in source)
    taken: set[str] = set()
    entries = []
    for row in rows:
        directory = names.get(row["folder_id"], "")
        name = readable_name(row["image_id"], row["mime_type"], row["created_at"], row["prompt"])
        path = f"{directory}{name}"
        if path.lower() in taken:  # two short ids alike: the whole id tells them apart
            path = f"{directory}{row['image_id']!s}_{name}"
        taken.add(path.lower())
        entries.append(Entry(path, row))
    return entries


def _directories(conn, caller: Caller, rows: list[dict], root: UUID | None, flat: bool):
    """Each folder's directory in the archive ("A/B/"), from ``root`` (its name first) or
    from the top of the tree."""
    if flat:
        return {}
    folder_ids = list({row["folder_id"] for row in rows if row["folder_id"] is not None})
    paths = folders_repo.paths(conn, caller.user_id, folder_ids) if folder_ids else {}
    names = {}
    for folder_id, crumbs in paths.items():
        ids = [UUID(str(c["folder_id"])) for c in crumbs]
        if root is not None:
            crumbs = crumbs[ids.index(root) :]
        names[folder_id] = "".join(path_part(c["name"]) + "/" for c in crumbs)
    return names


def _smart_folder_ids(conn, caller: Caller, smart_folder_id: UUID) -> list[UUID]:
    from gallery.services import search, smart_folders

    row = smart_folders_repo.get(conn, caller.user_id, smart_folder_id)
    if row is None:
        raise ValidationFailed("the smart folder is gone")
    ids, cursor = [], None
    while len(ids) <= EXPORT_LIMIT:
        query = smart_folders.saved_search(row["query"], page_size=100, cursor=cursor)
        page = search.search_ids(conn, caller, query)
        ids += page.ids
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    return ids


def write_archive(out, entries: list[Entry], include_metadata: bool, report) -> None:
    """The images, each streamed from S3 as stored (they are compressed already), then the
    metadata files."""
    with zipfile.ZipFile(out, "w", allowZip64=True) as archive:
        for done, entry in enumerate(entries):
            row = entry.row
            info = zipfile.ZipInfo(entry.path, date_time=_local_time(row["created_at"]))
            info.compress_type = zipfile.ZIP_STORED
            info.file_size = row["file_size_bytes"]  # decides ZIP64 before the bytes come
            chunks = s3.read_chunks(row["s3_key"])
            if chunks is None:
                raise RuntimeError(f"the original of {row['image_id']} is gone")
            with archive.open(info, "w") as file:
                for chunk in chunks:
                    file.write(chunk)
            report(done + 1, len(entries))
        if include_metadata:
            records = [_record(entry) for entry in entries]
            archive.writestr("metadata.json", json.dumps(records, ensure_ascii=False, indent=2))
            archive.writestr("metadata.csv", _csv(records))


def _local_time(moment: datetime) -> tuple:
    """ZIP times have no zone and start in 1980: UTC, as the listing shows them."""
    moment = moment.astimezone(UTC)
    return max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0))


def _record(entry: Entry) -> dict:
    row = entry.row
    generation = generation_of(row)
    return {
        "file": entry.path,
        "image_id": str(row["image_id"]),
        "created_at": row["created_at"].isoformat(),
        "folder": entry.path.rpartition("/")[0],
        "prompt": row["prompt"],
        "negative_prompt": row["negative_prompt"],
        "model": row["model"],
        "seed": row["seed"],
        "width": row["width"],
        "height": row["height"],
        "tags": list(row["tags"]),
        "generation": generation.model_dump(mode="json") if generation else None,
    }


def _csv(records: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        generation = record["generation"] or {}
        writer.writerow({**record, "tags": ";".join(record["tags"]),
                         **{k: generation.get(k) for k in ("steps", "cfg_scale", "sampler",
                                                           "scheduler")}})  # fmt: skip
    return "\ufeff" + buffer.getvalue()  # a BOM: spreadsheets then read UTF-8 (Korean) right


# --- the jobs ------------------------------------------------------------------------------------


def queued_exports() -> Iterator[tuple[UUID, UUID]]:
    with db.worker_transaction() as conn:
        rows = repo.queued(conn)
    for row in rows:
        yield row["user_id"], row["export_id"]


def run_queued() -> int:
    """Locally (the stack's thread): every queued export, as AWS's invocations would."""
    return sum(run_export(user_id, export_id) == "ready" for user_id, export_id in queued_exports())


def expire_exports() -> int:
    """The maintenance: archives past their 24 h deleted (that very version: the bucket keeps
    old versions otherwise), and jobs that stopped fail."""
    with db.worker_transaction() as conn:
        due = repo.due(conn, get_settings().export_stalled_seconds)
    for row in due:
        if row["s3_key"]:
            s3.delete_version(row["s3_key"], row["version_id"])
        with acting_as(Caller(user_id=row["user_id"])) as conn:
            repo.expire(conn, row["export_id"])
    return len(due)
