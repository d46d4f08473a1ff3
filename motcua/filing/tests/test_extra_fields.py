import pytest
from django.core.exceptions import ValidationError

from motcua.filing.forms import ExtraFieldsForm, extra_problems
from motcua.filing.tests.conftest import EXTRA_FIELDS
from motcua.lib.extra_fields import validate_schema


def test_the_seed_schema_is_valid() -> None:
    validate_schema(EXTRA_FIELDS)
    validate_schema([])


@pytest.mark.parametrize(
    "schema",
    [
        {"name": "x"},
        [{"name": "Ngày sinh", "label": "x", "type": "text"}],
        [{"name": "a", "label": "", "type": "text"}],
        [{"name": "a", "label": "A", "type": "colour"}],
        [{"name": "a", "label": "A", "type": "choice"}],
        [{"name": "a", "label": "A", "type": "text", "choices": ["x"]}],
        [{"name": "a", "label": "A", "type": "text"}, {"name": "a", "label": "B", "type": "text"}],
        [{"name": "a", "label": "A", "type": "text", "colour": "red"}],
        [{"name": "a", "label": "A", "type": "text", "required": "yes"}],
    ],
)
def test_a_malformed_schema_is_refused_with_a_message(schema: object) -> None:
    with pytest.raises(ValidationError):
        validate_schema(schema)


def test_the_form_is_built_from_the_schema_and_validated_on_the_server() -> None:
    form = ExtraFieldsForm(
        {"them-ngay_sinh": "31/02/2026", "them-so_con": "hai", "them-gioi_tinh": "Khác"},
        schema=EXTRA_FIELDS,
    )
    assert not form.is_valid()
    assert set(form.errors) == {"ngay_sinh", "so_con", "gioi_tinh"}
    assert form.fields["ngay_sinh"].label == "Ngày sinh của trẻ"


def test_stored_values_are_checked_again_before_submission() -> None:
    good = {"ngay_sinh": "2026-02-20", "so_con": "2", "gioi_tinh": "Nữ"}
    assert extra_problems(EXTRA_FIELDS, good) == []
    problems = extra_problems(EXTRA_FIELDS, {"ngay_sinh": "", "gioi_tinh": "Nữ"})
    assert problems and problems[0].startswith("Ngày sinh của trẻ:")


@pytest.mark.django_db
def test_a_version_with_a_bad_schema_does_not_pass_model_validation(world) -> None:  # type: ignore[no-untyped-def]
    world.version.extra_fields = [{"name": "a", "type": "text"}]
    with pytest.raises(ValidationError) as caught:
        world.version.full_clean()
    assert "extra_fields" in caught.value.message_dict
