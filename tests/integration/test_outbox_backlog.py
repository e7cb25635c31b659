"""What the indexer reports after each run for the outbox alarms: the age of the oldest
change still waiting (parked rows are out of line) and how many rows are parked."""

import uuid

from gallery.services.indexer import backlog


def test_the_backlog_is_the_oldest_waiting_change_and_the_parked_count(owner_db, stack):
    image_id, user_id = uuid.uuid4(), uuid.uuid4()
    before = backlog()
    insert = """insert into search_outbox (image_id, user_id, enqueued_at, available_at, parked_at)
                values (%s, %s, now() - %s::interval, now() + interval '1 hour', %s)"""
    try:
        # not due for an hour: the session's own indexing leaves them alone
        owner_db.execute(insert, [image_id, user_id, "2 hours", None])
        owner_db.execute(insert, [image_id, user_id, "3 days", "2026-01-01"])  # parked
        after = backlog()
        assert 7200 <= after["oldest_age_seconds"] < 7200 + 60
        assert after["parked"] == before["parked"] + 1
    finally:
        owner_db.execute("delete from search_outbox where image_id = %s", [image_id])
    assert backlog()["parked"] == before["parked"]
