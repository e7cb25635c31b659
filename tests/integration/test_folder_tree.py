"""Nested folders, at the service and in the database: the tree's rules (depth, no cycles,
names per parent) hold in the database under concurrency, counts stay exact through
moves, and deleting a folder moves what it holds up or elsewhere, losing nothing."""

import itertools
import threading
import time

import pytest

from gallery.db import acting_as
from gallery.errors import Conflict, NotFound, ValidationFailed
from gallery.models.folders import FolderCreate, FolderDeleteQuery, FolderUpdate
from gallery.models.images import ImageUpdate
from gallery.repositories import folders as folders_repo
from gallery.services import folders, images, trash


def make(caller, name: str, parent=None):
    parent_id = parent.folder_id if parent is not None else None
    return folders.create_folder(caller, FolderCreate(name=name, parent_id=parent_id))


def move(caller, folder, parent):
    parent_id = parent.folder_id if parent is not None else None
    return folders.update_folder(caller, folder.folder_id, FolderUpdate(parent_id=parent_id))


def tree(caller) -> dict[str, tuple]:
    """Each folder by name: its path (names from the root) and its counts."""
    return {f.name: (tuple(c.name for c in f.path), f.image_count, f.total_image_count)
            for f in folders.list_folders(caller)}  # fmt: skip


def test_folders_nest_to_16_and_no_deeper(caller):
    chain = [make(caller, "level 1")]
    for depth in range(2, 17):
        chain.append(make(caller, f"level {depth}", chain[-1]))
    assert [c.name for c in chain[-1].path] == [f"level {n}" for n in range(1, 17)]
    with pytest.raises(ValidationFailed, match="16 deep"):
        make(caller, "level 17", chain[-1])
    # a subtree two deep moved under level 15 would reach 17
    top = make(caller, "top")
    make(caller, "below", top)
    with pytest.raises(ValidationFailed, match="16 deep"):
        move(caller, top, chain[14])
    assert move(caller, top, chain[13]).path[-1].name == "top"  # 15 and 16: fits


def test_a_move_takes_the_subtree_and_never_makes_a_cycle(caller, stranger):
    a = make(caller, "A")
    b = make(caller, "B", a)
    c = make(caller, "C", b)
    for into in (a, b, c):  # itself, or any folder under it
        with pytest.raises(Conflict) as refused:
            move(caller, a, into)
        assert refused.value.code == "folder_cycle"
    theirs = make(stranger, "theirs")
    with pytest.raises(NotFound, match="parent folder"):
        move(caller, a, theirs)
    with pytest.raises(NotFound, match="parent folder"):
        make(caller, "D", theirs)
    move(caller, b, None)  # B (and C under it) to the root
    assert tree(caller) == {"A": (("A",), 0, 0), "B": (("B",), 0, 0), "C": (("B", "C"), 0, 0)}
    move(caller, a, c)
    assert tree(caller)["A"][0] == ("B", "C", "A")


def test_two_moves_that_together_make_a_cycle_cannot_both_pass(caller):
    """X under Y and Y under X at once: the second waits for the first's commit (the
    database serialises an owner's moves) and is refused; without that wait each would read
    the other's old place and both would pass."""
    x, y = make(caller, "X"), make(caller, "Y")
    first_moved = threading.Event()

    def first():
        with acting_as(caller) as conn:  # the update alone: the database's rule, not the service's
            folders_repo.update(conn, caller.user_id, x.folder_id, {"parent_id": y.folder_id})
            first_moved.set()
            time.sleep(0.5)  # the second move starts while this one is uncommitted

    thread = threading.Thread(target=first)
    thread.start()
    assert first_moved.wait(10)
    with pytest.raises(Conflict) as refused:
        move(caller, y, x)
    thread.join()
    assert refused.value.code == "folder_cycle"
    assert tree(caller) == {"Y": (("Y",), 0, 0), "X": (("Y", "X"), 0, 0)}


def test_many_concurrent_moves_leave_a_tree(caller):
    """Folders moved under each other at random from several threads at once: whatever
    passes, the result is a tree (every path ends at the root and names each folder once)."""
    nodes = [make(caller, f"n{i}") for i in range(6)]
    outcomes = {"moved": 0, "refused": 0}
    lock = threading.Lock()

    def mover(seed: int):
        for step in range(8):
            child, parent = nodes[(seed + step) % 6], nodes[(seed * 5 + step * 7 + 1) % 6]
            try:
                move(caller, child, parent)
                kind = "moved"
            except Conflict:
                kind = "refused"
            with lock:
                outcomes[kind] += 1

    threads = [threading.Thread(target=mover, args=(seed,)) for seed in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes["moved"] > 0 and outcomes["refused"] > 0
    by_id = {f.folder_id: f for f in folders.list_folders(caller)}
    for folder in by_id.values():
        path = [c.folder_id for c in folder.path]
        assert len(path) == len(set(path)) and path[-1] == folder.folder_id
        assert (by_id[path[0]].parent_id is None) and all(
            by_id[child].parent_id == parent for parent, child in itertools.pairwise(path)
        )


def test_names_are_taken_once_per_parent(caller):
    a, b = make(caller, "A"), make(caller, "B")
    make(caller, "Cats", a)
    make(caller, "cats", b)  # another parent: its own names
    with pytest.raises(Conflict) as taken:
        make(caller, "CATS", a)
    assert taken.value.code == "folder_name_taken"
    loose = make(caller, "Cats")  # the root is a parent too
    with pytest.raises(Conflict, match="already exists there"):
        move(caller, loose, a)


def test_counts_stay_exact_through_moves_and_trash(caller, add_image):
    a = make(caller, "A")
    b = make(caller, "B", a)
    c = make(caller, "C", b)
    in_a = [add_image(caller.user_id, folder_id=a.folder_id) for _ in range(2)]
    in_c = [add_image(caller.user_id, folder_id=c.folder_id) for _ in range(3)]
    assert tree(caller) == {"A": (("A",), 2, 5), "B": (("A", "B"), 0, 3),
                            "C": (("A", "B", "C"), 3, 3)}  # fmt: skip
    images.update_image(caller, in_a[0], ImageUpdate(folder_id=b.folder_id))
    trash.apply(caller, "delete", [in_c[0]])
    assert tree(caller) == {"A": (("A",), 1, 4), "B": (("A", "B"), 1, 3),
                            "C": (("A", "B", "C"), 2, 2)}  # fmt: skip
    move(caller, c, None)
    assert tree(caller) == {"A": (("A",), 1, 2), "B": (("A", "B"), 1, 1),
                            "C": (("C",), 2, 2)}  # fmt: skip
    assert [c.name for c in images.get_image(caller, in_c[1]).path] == ["C"]


def test_deleting_a_folder_moves_its_subfolders_and_images_up(caller, add_image):
    a = make(caller, "A")
    b = make(caller, "B", a)
    make(caller, "C", b)
    kept = add_image(caller.user_id, folder_id=b.folder_id)
    folders.delete_folder(caller, b.folder_id, FolderDeleteQuery())
    assert tree(caller) == {"A": (("A",), 1, 1), "C": (("A", "C"), 0, 0)}
    assert images.get_image(caller, kept).folder_id == a.folder_id
    folders.delete_folder(caller, a.folder_id, FolderDeleteQuery())  # a root's go to no folder
    assert tree(caller) == {"C": (("C",), 0, 0)}
    assert images.get_image(caller, kept).folder_id is None


def test_deleting_a_subtree_moves_all_its_images_and_nothing_else(caller, add_image):
    a = make(caller, "A")
    b = make(caller, "B", a)
    c = make(caller, "C", b)
    keep = make(caller, "Keep")
    held = [add_image(caller.user_id, folder_id=f.folder_id) for f in (a, b, c)]
    whole = FolderDeleteQuery(subfolders="delete", move_images_to=c.folder_id)
    with pytest.raises(ValidationFailed, match="not deleted"):
        folders.delete_folder(caller, b.folder_id, whole)
    folders.delete_folder(
        caller, b.folder_id, FolderDeleteQuery(subfolders="delete", move_images_to=keep.folder_id)
    )
    assert tree(caller) == {"A": (("A",), 1, 1), "Keep": (("Keep",), 2, 2)}
    assert [images.get_image(caller, i).folder_id for i in held] == [
        a.folder_id, keep.folder_id, keep.folder_id]  # fmt: skip


def test_a_subfolder_moving_up_onto_a_taken_name_refuses_the_delete(caller):
    a = make(caller, "A")
    b = make(caller, "B", a)
    make(caller, "Same", a)
    make(caller, "Same", b)
    with pytest.raises(Conflict, match="rename one first"):
        folders.delete_folder(caller, b.folder_id, FolderDeleteQuery())
    assert set(tree(caller)) == {"A", "B", "Same"} and len(folders.list_folders(caller)) == 4
