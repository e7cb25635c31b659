"""The PostgreSQL backend's facets read the caller's documents through an index, not the
whole table (RLS still applies: the application's login counts)."""

import uuid

from psycopg import sql

from gallery import db
from gallery.search import postgres
from gallery.search.backend import FacetRequest


def test_facets_are_counted_from_the_owners_index_under_row_level_security(user, owner_db):
    others = [uuid.uuid4() for _ in range(200)]
    mine = user.user_id
    owner_db.execute(
        """
        insert into search_documents (image_id, owner_id, version, prompt, terms, model, width,
                                      height, created_at, is_public, is_favorite)
        select gen_random_uuid(), owners.id, 1, 'p', ''::tsvector, 'model-' || mod(n, 7),
               512 + 64 * mod(n, 3), 512, now() - n * interval '1 minute', false, false
          from unnest(%(owners)s::uuid[]) with ordinality as owners(id, o),
               generate_series(1, case when owners.id = %(mine)s then 40 else 100 end) as n
        """,
        {"owners": [*others, mine], "mine": mine},
    )
    owner_db.execute("analyze search_documents")
    try:
        query = FacetRequest()
        with db.transaction(mine) as conn:
            counted = postgres.PostgresBackend().facets(conn, mine, query)
            assert sum(count for _, count in counted.models) == 40  # only mine, though RLS too
            statements = [
                (postgres._BY_VALUE, {"column": sql.Identifier("model")}),
                (postgres._BY_VALUE, {"column": sql.Identifier("sampler")}),
                (postgres._SIZES, {}),
            ]
            for statement, parts in statements:
                conditions, params = postgres._filters(mine, query)
                where = postgres._where(conditions)
                plan = conn.execute(
                    "explain " + statement.format(conditions=where, **parts).as_string(conn),
                    {**params, "limit": 20},
                ).fetchall()  # fmt: skip
                text = "\n".join(row["QUERY PLAN"] for row in plan)
                assert "search_documents_owner_idx" in text, text
                assert "Seq Scan on search_documents" not in text, text
    finally:
        owner_db.execute("delete from search_documents where owner_id = any(%s)", [[*others, mine]])
