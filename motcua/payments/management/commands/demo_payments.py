"""Demo only (`make run`): a throwaway CA and a signing key per unit in
<MOTCUA_DATA_DIR>/demo-signing, and a demo bank account for every unit that receives dossiers,
so that signing and VietQR work out of the box. Refused unless MOTCUA_SIGNING_DEMO is on."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.accounts.models import OrgUnit
from motcua.catalog.models import ProcedureOffering
from motcua.lib import demo_ca, signing
from motcua.payments.models import BankAccount

DEMO_BIN = "970415"  # VietinBank's BIN; the accounts below do not exist


class Command(BaseCommand):
    help = "Tạo CA, khóa ký số và tài khoản nhận phí THỬ NGHIỆM (DEMO) cho các đơn vị."

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.MOTCUA_SIGNING_DEMO:
            raise CommandError("Chỉ chạy khi phát triển (MOTCUA_SIGNING_DEMO=1).")
        units = OrgUnit.objects.values_list("code", "name")
        keys = demo_ca.write_demo(signing.demo_dir(), units, signing.DEMO_PASSWORD)
        receiving = ProcedureOffering.objects.values_list("unit_id", flat=True).distinct()
        accounts = 0
        for unit in OrgUnit.objects.filter(pk__in=receiving, bank_account__isnull=True):
            digits = "".join(ch for ch in unit.code if ch.isdigit())
            BankAccount.objects.create(
                unit=unit, bank_bin=DEMO_BIN, bank_name="VietinBank (tài khoản DEMO)",
                account_number=f"1000{digits}"[:19], account_name="TAI KHOAN DEMO",
            )  # fmt: skip
            accounts += 1
        self.stdout.write(
            f"DEMO: {keys} khóa ký số mới trong {signing.demo_dir()}, "
            f"{accounts} tài khoản nhận phí."
        )
