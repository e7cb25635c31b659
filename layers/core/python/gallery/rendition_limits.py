"""The byte ceilings of what ingest derives from an original (thumbnails and previews).

Bounded renditions let an upload reserve its file and everything made from it at once, so
usage never passes the quota: a small, losslessly compressible original (a random tile
repeated) otherwise made ~3.7 MB of previews. Real renditions stay well below; one that
does not fit is encoded again at lower qualities, then at half the size (gallery.imaging).
Apart from Pillow, so the uploads function can reserve without the imaging layer.
"""

THUMBNAIL_MAX_BYTES = {512: 256 * 1024, 256: 64 * 1024}
PREVIEW_MAX_BYTES = {"avif": 1024 * 1024, "webp": 1536 * 1024}
DERIVED_MAX_BYTES = sum(THUMBNAIL_MAX_BYTES.values()) + sum(PREVIEW_MAX_BYTES.values())
