"""The only place that talks SQL. Every function takes an open connection (one transaction)."""
