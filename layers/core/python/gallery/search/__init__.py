"""Search: the OpenSearch index (nori for Korean) and, later, the backends behind one
interface. Results are ids and scores; the images themselves are read from PostgreSQL
under row-level security."""
