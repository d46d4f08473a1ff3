"""`fold_letters`, the quick fold the inbox search applies to many names, finds the same words
as `fold`."""

from hypothesis import given
from hypothesis import strategies as st

from motcua.lib.text import fold, fold_letters, search_terms

SAMPLES = "Nguyễn Văn Ấn, ĐẶNG THỊ HOÀ hòa hoà Phạm-Đức Trương.Quốc Việt  ông bà ưu Ỷ ỹ"
ALPHABET = sorted(set(SAMPLES + "\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b\t"))


@given(st.text(alphabet=ALPHABET, max_size=30), st.text(alphabet=ALPHABET, max_size=12))
def test_a_name_holds_the_same_words_folded_either_way(name: str, query: str) -> None:
    for word in search_terms(query):
        assert (word in fold_letters(name)) == (word in fold(name))


def test_accents_case_and_decomposed_marks_fold_away() -> None:
    assert fold_letters("ĐẶNG Thị Hoà") == "dang thi hoa"
    assert fold_letters("Ho\u0300a Nguye\u0302\u0303n") == "hoa nguyen"
