"""The portal's only table: recent lookup attempts, for throttling across app servers."""

from django.db import models


class LookupAttempt(models.Model):
    """One counted attempt under a throttle key (a keyed hash, never an address or a code).

    Kept in the database rather than a per-process cache so that every app server behind the
    load balancer counts the same attempts; rows older than the longest window are deleted as
    new ones arrive (see `motcua.portal.throttle`).
    """

    key = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["key", "at"], name="lookup_attempt_key_at"),
            models.Index(fields=["at"], name="lookup_attempt_at"),
        ]

    def __str__(self) -> str:
        return f"{self.key[:8]}… {self.at:%Y-%m-%d %H:%M}"
