"""Offsets between Python (code points) and Label Studio (JavaScript: UTF-16 code units).

A character outside the Basic Multilingual Plane (most emoji, 𝔘) is one code point but two
UTF-16 code units, so every offset after it differs between the two counts.
"""

from __future__ import annotations

import bisect


class OffsetMap:
    """Converts offsets in one text both ways, in O(log n) per offset."""

    def __init__(self, text: str):
        # Code point positions just after each astral character.
        self._astral = [i + 1 for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral_js = [p + k + 1 for k, p in enumerate(self._astral)]  # their JS positions
        self.length = len(text)

    def to_js(self, index: int) -> int:
        return index + bisect.bisect_right(self._astral, index)

    def to_py(self, index: int) -> int | None:
        """Python offset of a JS offset; None when it falls inside a surrogate pair."""
        extra = bisect.bisect_right(self._astral_js, index)
        py = index - extra
        if self.to_js(py) != index:
            return None
        return py


def to_js(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2
