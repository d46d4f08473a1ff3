"""API keys for clients that create requests (Open311 POST). Only a hash of the key is kept."""

import hashlib
import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

PREFIX_LENGTH = 8


def hash_key(key: str) -> str:
    # Keys are 32 random bytes: a plain SHA-256 is enough (nothing to brute-force).
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return secrets.token_urlsafe(32)


class ApiKey(models.Model):
    name = models.CharField(_("tên ứng dụng"), max_length=255)
    prefix = models.CharField(_("tiền tố"), max_length=PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def set_key(self, key: str) -> None:
        self.prefix, self.key_hash = key[:PREFIX_LENGTH], hash_key(key)
