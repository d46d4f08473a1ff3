"""Worker for the concurrency test: receive N dossiers at one unit in this process.

Usage: python -m motcua.dossiers.tests.receive_many <version id> <unit id> <actor id> <n>
(DATABASE_URL must point at the test database.)
"""

import os
import sys


def main(version_id: int, unit_id: int, actor_id: int, n: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from motcua.accounts.models import OrgUnit, User
    from motcua.catalog.models import ProcedureVersion
    from motcua.dossiers import workflow
    from motcua.dossiers.tests.factories import APPLICANT

    version = ProcedureVersion.objects.get(pk=version_id)
    unit, actor = OrgUnit.objects.get(pk=unit_id), User.objects.get(pk=actor_id)
    for _ in range(n):
        workflow.receive(actor=actor, version=version, receiving_unit=unit, applicant=APPLICANT)


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:5]))
