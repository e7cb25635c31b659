"""Users are created on first sight (gallery.db.acting_as); plans are set here."""

from gallery import db
from gallery.auth import Caller
from gallery.config import get_settings
from gallery.repositories import users as users_repo


def register(caller: Caller, plan: str) -> None:
    """Creates the user or changes their plan (local mode and administration only)."""
    if plan not in get_settings().plans:
        raise ValueError(f"unknown plan {plan!r}")
    with db.transaction(caller.user_id) as conn:
        users_repo.ensure(conn, caller.user_id, caller.email, plan)
        users_repo.set_plan(conn, caller.user_id, caller.email, plan)
