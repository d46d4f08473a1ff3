"""Vietnamese text normalisation for search.

"Đăng ký kết hôn", "dang ky ket hon" and "ĐĂNG KÝ KẾT HÔN" all fold to "dang ky ket hon";
"hòa" and "hoà" (old and new tone-mark placement) fold to the same string because every
combining mark is dropped after canonical decomposition.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s.]", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ → d included) and collapse spaces."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    stripped = stripped.replace("đ", "d")
    stripped = _PUNCT.sub(" ", stripped)
    return _SPACES.sub(" ", stripped).strip()


def search_terms(query: str) -> list[str]:
    """The folded words of a query, for matching each against a folded index field."""
    return [word for word in fold(query).split(" ") if word]
