"""Ratings aggregated per unit, procedure and officer; 766 component 5.4's complaints."""

from decimal import Decimal

from motcua.feedback.tests.conftest import make_pakn
from motcua.surveys import selectors
from motcua.surveys.services import rating_record
from motcua.surveys.tests.conftest import World, at, returned


def _window() -> tuple:  # type: ignore[type-arg]
    return at(2026, 3, 1), at(2026, 4, 1)


def test_ratings_are_aggregated_per_unit_procedure_and_officer(world: World) -> None:
    for level in (5, 4, 2):
        rating_record(dossier=returned(world), level=level, channel="portal")
    units = [world.commune.pk]
    for by in ("unit", "procedure", "officer"):
        (row,) = selectors.rating_summary(by, units, *_window())
        assert (row.total, row.by_level, row.satisfied_share) == (
            3,
            {5: 1, 4: 1, 2: 1},
            Decimal("66.67"),
        )
    assert selectors.rating_summary("unit", [world.other_commune.pk], *_window()) == []
    (officer,) = selectors.rating_summary("officer", units, *_window())
    assert officer.label == str(world.everyone)


def test_complaints_count_dislikes_and_pakn_naming_a_dossier(world: World) -> None:
    liked, disliked, named, quiet = (returned(world) for _ in range(4))
    rating_record(dossier=liked, level=5, channel="portal")
    rating_record(dossier=disliked, level=1, channel="kiosk")
    make_pakn(world, dossier_id=named.pk)
    count, total, ids = selectors.processing_satisfaction_complaints([world.commune.pk], *_window())
    assert (count, total, sorted(ids)) == (2, 4, sorted([disliked.pk, named.pk]))
    assert quiet.pk not in ids
