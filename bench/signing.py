"""Signing and verifying a result PDF, against rendering the same PDF (the baseline).

Run: MOTCUA_SECRET_KEY=bench .venv/bin/python bench/signing.py [--smoke]

Signing happens inside `issue_result` (the dossier row is locked meanwhile) and on every
printed form's PDF; verification on the public page. Reported as milliseconds per document
(median and 90th percentile) and as a ratio to rendering the one-page PDF with WeasyPrint.
"""

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # run as a script: import the project, not this folder's siblings
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("MOTCUA_DATA_DIR", tempfile.mkdtemp(prefix="motcua-bench-"))
os.environ["MOTCUA_SIGNING_DEMO"] = "1"

HTML = "<h1>QUYẾT ĐỊNH</h1><p>Về việc cấp giấy phép xây dựng số 12/QĐ-UBND.</p>" * 5


def timed(work: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float], baseline: float) -> None:
    median = statistics.median(times)
    p90 = sorted(times)[int(len(times) * 0.9) - 1] if len(times) > 1 else times[0]
    print(f"{name:<28} median {median:8.1f} ms  p90 {p90:8.1f} ms  ×{median / baseline:5.2f}")


def main() -> None:
    import datetime as dt

    import django

    django.setup()
    from motcua.lib import demo_ca, signing
    from motcua.lib.pdf import html_to_pdf

    runs = 3 if "--smoke" in sys.argv else 30
    demo_ca.write_demo(signing.demo_dir(), [("B", "UBND xã Thử Nghiệm")], signing.DEMO_PASSWORD)
    stamp = signing.Stamp("Nguyễn Văn Ký", "UBND xã Thử Nghiệm", dt.datetime.now(dt.UTC),
                          "https://dichvucong.example.gov.vn/xac-thuc/abc/")  # fmt: skip
    pdf = html_to_pdf(HTML)
    signed = signing.sign_pdf(pdf, unit_code="B", stamp=stamp)
    assert signed is not None and signing.verify_pdf(signed).valid
    baseline = statistics.median(timed(lambda: html_to_pdf(HTML), runs))
    report("render PDF (baseline)", [baseline], baseline)
    report("sign (PAdES, visible stamp)", timed(
        lambda: signing.sign_pdf(pdf, unit_code="B", stamp=stamp), runs), baseline)  # fmt: skip
    report("verify", timed(lambda: signing.verify_pdf(signed), runs), baseline)


if __name__ == "__main__":
    main()
