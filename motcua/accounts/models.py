"""Organisation units (an effective-dated tree), staff users and their memberships."""

import datetime

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh / thành phố")
    DISTRICT = "district", _("Huyện (trước 01/07/2025)")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")
    PROVINCE_CENTRE = "province_centre", _("Trung tâm Phục vụ hành chính công tỉnh")
    COMMUNE_CENTRE = "commune_centre", _("Trung tâm Phục vụ hành chính công xã")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DIVISION = "division", _("Phòng, ban chuyên môn")


COMMUNE_KINDS = (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.SPECIAL_ZONE)
CENTRE_KINDS = (UnitKind.PROVINCE_CENTRE, UnitKind.COMMUNE_CENTRE)


class OrgUnitQuerySet(models.QuerySet["OrgUnit"]):
    def active_on(self, day: datetime.date) -> "OrgUnitQuerySet":
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def communes(self) -> "OrgUnitQuerySet":
        return self.filter(kind__in=COMMUNE_KINDS)

    def within(self, unit: "OrgUnit") -> "OrgUnitQuerySet":
        """The unit and every unit below it."""
        return self.filter(path__startswith=unit.path)


class OrgUnit(models.Model):
    """A unit of the province: the province itself, a commune, a centre, a department…

    `code` is the administrative code (mã đơn vị hành chính for communes and provinces, a
    province-assigned code for the others); `electronic_id` is the mã định danh điện tử used in
    dossier codes. `path` is the chain of ancestor ids, kept so that "everything below" is one
    indexed prefix query.
    """

    code = models.CharField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    electronic_id = models.CharField(
        _("mã định danh điện tử"), max_length=32, null=True, blank=True, unique=True
    )
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self",
        verbose_name=_("đơn vị tiền thân"),
        symmetrical=False,
        blank=True,
        related_name="successors",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        new_path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
        if new_path != self.path:
            old_path, self.path = self.path, new_path
            OrgUnit.objects.filter(pk=self.pk).update(path=new_path)
            if old_path:
                self._move_descendants(old_path, new_path)

    def _move_descendants(self, old_path: str, new_path: str) -> None:
        below = OrgUnit.objects.filter(path__startswith=old_path).exclude(pk=self.pk)
        for pk, path in below.values_list("pk", "path"):
            OrgUnit.objects.filter(pk=pk).update(path=new_path + path[len(old_path) :])

    @property
    def is_commune(self) -> bool:
        return self.kind in COMMUNE_KINDS

    def province(self) -> "OrgUnit | None":
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        return OrgUnit.objects.filter(pk__in=ids, kind=UnitKind.PROVINCE).first()


class User(AbstractUser):
    """A staff member. Citizens have no account: they prove an e-mail or phone per filing."""

    full_name = models.CharField(_("họ và tên"), max_length=255, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.username


class Role(models.TextChoices):
    RECEIVER = "receiver", _("Cán bộ tiếp nhận (Bộ phận Một cửa)")
    HANDLER = "handler", _("Cán bộ xử lý")
    HEAD = "head", _("Lãnh đạo phòng / đơn vị")
    SIGNER = "signer", _("Lãnh đạo ký duyệt")
    CLERK = "clerk", _("Văn thư")
    SUPERVISOR = "supervisor", _("Giám sát (Sở Nội vụ, Văn phòng UBND)")
    ADMIN = "admin", _("Quản trị đơn vị")
    DIGITAL_TEAM = "digital_team", _("Tổ công nghệ số cộng đồng")
    PERSONNEL = "personnel", _("Cán bộ tổ chức - nội vụ")


# Roles that see every unit below their own, not only their own unit.
ROLES_READING_BELOW = (Role.SUPERVISOR, Role.ADMIN)


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("phân công")
        verbose_name_plural = _("phân công")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class AccessAction(models.TextChoices):
    VIEW = "view", _("Xem")
    PRINT = "print", _("In")
    EXPORT = "export", _("Xuất tệp")
    DOWNLOAD = "download", _("Tải tệp đính kèm")


class PersonalDataAccess(models.Model):
    """One view, print, export or download of citizens' personal data by a staff user.

    Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 (DOMAIN.md §10) asks for an audit trail of every
    view and export. The subject names the record by its code (never a name or an identity
    number), so the trail itself holds no personal data of citizens. Rows are only ever added.
    """

    # Empty: the applicant, who proved the dossier's second factor on the portal (no account).
    user = models.ForeignKey(
        User,
        verbose_name=_("cán bộ"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    at = models.DateTimeField(_("thời điểm"), db_index=True)
    action = models.CharField(_("thao tác"), max_length=8, choices=AccessAction.choices)
    subject = models.CharField(_("dữ liệu"), max_length=255)
    records = models.PositiveIntegerField(_("số hồ sơ"), default=1)
    path = models.CharField(_("đường dẫn"), max_length=500)

    class Meta:
        verbose_name = _("lượt truy cập dữ liệu cá nhân")
        verbose_name_plural = _("nhật ký truy cập dữ liệu cá nhân")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "at"], name="access_user_at")]

    def __str__(self) -> str:
        return f"{self.user or _('Người nộp hồ sơ')} {self.action} {self.subject}"


class LoginFailure(models.Model):
    """One failed staff login, counted under a keyed hash of the account or of the address
    (never the address itself): the counters of `motcua.accounts.login_throttle` when no
    throttle cache is configured. Rows older than a day are deleted by the daily purge."""

    key = models.CharField(max_length=64)
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="login_failure_key_at")]

    def __str__(self) -> str:
        return f"{self.key[:8]}… {self.at:%Y-%m-%d %H:%M}"


class LoginLockKind(models.TextChoices):
    ACCOUNT = "account", _("Tài khoản")
    ADDRESS = "address", _("Địa chỉ mạng")


class LoginLock(models.Model):
    """A staff login lock after repeated failures, and its end: the record an administrator
    reads in the admin, where a lock can also be lifted early."""

    kind = models.CharField(_("khóa theo"), max_length=10, choices=LoginLockKind.choices)
    key = models.CharField(max_length=64, editable=False)
    # The account's user name; for an address only its keyed hash is kept (personal data).
    label = models.CharField(_("tài khoản / địa chỉ"), max_length=150)
    failures = models.PositiveIntegerField(_("số lần sai"))
    locked_at = models.DateTimeField(_("khóa lúc"))
    until = models.DateTimeField(_("khóa đến"))
    unlocked_at = models.DateTimeField(_("mở khóa lúc"), null=True, blank=True)
    unlocked_by = models.ForeignKey(
        User,
        verbose_name=_("người mở khóa"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("khóa đăng nhập")
        verbose_name_plural = _("khóa đăng nhập")
        indexes = [models.Index(fields=["key", "until"], name="login_lock_key_until")]
        ordering = ["-locked_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.label} — {self.locked_at:%d/%m/%Y %H:%M}"
