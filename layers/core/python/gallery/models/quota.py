"""Storage used and the plan's quota."""

from pydantic import BaseModel


class StorageUsageOut(BaseModel):
    plan: str
    used_bytes: int
    reserved_bytes: int
    quota_bytes: int
    """-1 when the plan is unlimited (as in the original design)."""
    unlimited: bool
    used_gb: float
    quota_gb: float
    percentage: float
    image_count: int
    recompression_saved_bytes: int
    """What lossless recompression of PNG originals has saved (plans that opt in)."""
