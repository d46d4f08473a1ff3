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


def _letter_table() -> dict[int, str | None]:
    """`fold` of each lower-case letter it changes (for `word_pattern`)."""
    letters = (ch for ch in map(chr, range(0xC0, 0x2000)) if ch.isalpha() and ch == ch.lower())
    table: dict[int, str | None] = {ord(ch): fold(ch) for ch in letters if fold(ch) != ch}
    return table


_LETTERS_FOLDED = _letter_table()


def _letter_variants() -> dict[str, str]:
    """Each plain letter with every letter (either case) that folds to it."""
    found: dict[str, set[str]] = {}
    for code, folded in _LETTERS_FOLDED.items():
        if folded is not None and len(folded) == 1:
            found.setdefault(folded, set()).update(
                c for c in (chr(code), chr(code).upper()) if len(c) == 1
            )
    for letter in "abcdefghijklmnopqrstuvwxyz":
        found.setdefault(letter, set()).update((letter, letter.upper()))
    return {letter: "".join(sorted(chars)) for letter, chars in found.items()}


_VARIANTS = _letter_variants()
_MARKS = "[\u0300-\u036f]*"


def word_pattern(word: str) -> str:
    """A regular expression finding the folded `word` (of `search_terms`) in unfolded text:
    each letter as any letter that folds to it, either case, with or without combining marks
    after it — the same text `w in fold(text)` finds, for the database to search (PostgreSQL's
    and, through Django, SQLite's regular expressions understand it alike)."""
    parts = (f"[{_VARIANTS[ch]}]" if ch in _VARIANTS else re.escape(ch) for ch in word)
    return _MARKS.join(parts)


def search_terms(query: str) -> list[str]:
    """The folded words of a query, for matching each against a folded index field."""
    return [word for word in fold(query).split(" ") if word]


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
# then the tone (none, huyền, sắc, hỏi, ngã, nặng) as a tie-breaker.
_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}


def vietnamese_sort_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A sort key putting Vietnamese words in dictionary order ("Đông" after "Dương",
    "Ân" after "An")."""
    letters: list[int] = []
    tones: list[int] = []
    for char in text.lower():
        parts = unicodedata.normalize("NFD", char)
        tone = next((_TONES[c] for c in parts if c in _TONES), 0)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        position = _LETTERS.find(base)
        letters.append(position + 100 if position >= 0 else ord(base[:1] or " "))
        tones.append(tone)
    return tuple(letters), tuple(tones)
