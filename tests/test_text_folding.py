"""`word_pattern`, with which the database finds a searched word in applicants' names, finds
what `fold` finds."""

import re

from hypothesis import given
from hypothesis import strategies as st

from motcua.lib.text import fold, search_terms, word_pattern

SAMPLES = "Nguyễn Văn Ấn, ĐẶNG THỊ HOÀ hòa hoà Phạm-Đức Trương.Quốc Việt  ông bà ưu Ỷ ỹ_(x)"
ALPHABET = sorted(set(SAMPLES + "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\t"))


@given(st.text(alphabet=ALPHABET, max_size=30), st.text(alphabet=ALPHABET, max_size=12))
def test_a_word_is_found_in_a_name_as_folding_both_finds_it(name: str, query: str) -> None:
    for word in search_terms(query):
        assert bool(re.search(word_pattern(word), name)) == (word in fold(name))


def test_accents_case_and_decomposed_marks_do_not_hide_a_word() -> None:
    for name in ("ĐẶNG Thị Hoà", "dang thi hoa", "Đa\u0302\u0323ng Tho\u0302\u0300a"):
        assert re.search(word_pattern("dang"), name)
    assert not re.search(word_pattern("dang"), "Đăn Hoa")
