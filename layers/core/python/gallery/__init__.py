"""Pingvas Gallery core: the domain shared by every function (a Lambda layer)."""
