"""Inputs and outputs of the HTTP API (pydantic v2), a module per resource. Field names
follow the original design."""
