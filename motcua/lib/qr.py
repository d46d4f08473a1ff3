"""QR codes for printed forms: every receipt carries one that opens the dossier's status page."""

# Level M survives a crease or a smudge on a printed receipt and keeps a status URL at a size a
# phone reads from 2 cm.
_ERROR = "m"


def qr_svg(url: str, *, title: str = "") -> str:
    """Inline <svg> of the URL's QR code, without a fixed size: CSS on the page sizes it."""
    import segno  # imported where used: Django starts without it (bench/startup.py)

    code = segno.make_qr(url, error=_ERROR)
    return str(
        code.svg_inline(border=2, omitsize=True, svgclass="qr", lineclass=None, title=title or None)
    )


def qr_png_data_uri(url: str, *, scale: int = 4) -> str:
    """data: URI of a PNG of the URL's QR code, for places that take an <img> only (e-mail)."""
    import segno

    return str(segno.make_qr(url, error=_ERROR).png_data_uri(scale=scale, border=2))
