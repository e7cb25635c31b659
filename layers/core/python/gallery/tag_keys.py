"""The one rule that says when two tag names are the same tag: NFC, then Unicode case
folding (``Äpfel`` = ``äpfel``, ``Straße`` = ``STRASSE``, ``İstanbul`` = ``i̇stanbul``).

The code computes it and stores it beside the name (``tags.name_key``); SQL compares
stored keys and never folds case itself: PostgreSQL's ``lower()`` depends on the database's
collation (ASCII only under C) and has no case folding at all.
"""

import unicodedata


def tag_key(name: str) -> str:
    # folding can decompose (e.g. U+0130 becomes i + U+0307), hence NFC on both sides
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())
