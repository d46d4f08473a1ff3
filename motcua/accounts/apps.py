from django.apps import AppConfig

# What an empty select says when nothing is chosen yet. Django's default is "---------"; every
# select of the product — our forms and Django's administration pages — shows this instead.
EMPTY_CHOICE = "— Chọn —"


class AccountsConfig(AppConfig):
    name = "motcua.accounts"
    verbose_name = "Tổ chức và người dùng"

    def ready(self) -> None:
        from django.db.models import fields
        from django.forms import ModelChoiceField

        # Django reads both defaults when it builds a form field (the list is shared by
        # reference, the keyword default is read at each call), so this covers the admin too.
        fields.BLANK_CHOICE_DASH[:] = [("", EMPTY_CHOICE)]
        defaults = ModelChoiceField.__init__.__kwdefaults__
        assert defaults is not None and "empty_label" in defaults
        defaults["empty_label"] = EMPTY_CHOICE
