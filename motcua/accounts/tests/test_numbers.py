"""Figures shown to people read in Vietnamese: 1.234 and 1.234,5 (issue 10, §6)."""

from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from motcua.accounts.templatetags.numbers import so


def test_figures_group_thousands_with_a_dot_and_decimals_with_a_comma() -> None:
    assert so(1234) == "1.234"
    assert so(1234567) == "1.234.567"
    assert so(Decimal("1234.5")) == "1.234,5"
    assert so(98.47) == "98,47"
    assert so(12) == "12"
    assert so(None) is None and so("N/A") == "N/A"
    with translation.override("en"):
        assert so(Decimal("1234.5")) == "1,234.5"


def test_a_template_shows_the_vietnamese_figure() -> None:
    page = Template("{% load numbers %}{{ n|so }} hồ sơ").render(Context({"n": 3000}))
    assert page == "3.000 hồ sơ"
