"""HTML to PDF with WeasyPrint, in the project's own Vietnamese font.

The @font-face rules point at the TTF files shipped in ``motcua/lib/fonts`` by absolute
``file://`` URL, so a PDF looks the same on every server whatever fonts it has installed.
Templates ask for ``font-family: Tinos, "Times New Roman", serif``; the shipped family answers
first.
"""

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "Tinos"
_FACES = (
    ("Tinos-Regular.ttf", "normal", "normal"),
    ("Tinos-Bold.ttf", "bold", "normal"),
    ("Tinos-Italic.ttf", "normal", "italic"),
    ("Tinos-BoldItalic.ttf", "bold", "italic"),
)


def font_face_css() -> str:
    """@font-face rules for the shipped font, by absolute file:// URL."""
    return "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{(FONT_DIR / name).as_uri()}");'
        f" font-weight: {weight}; font-style: {style}; }}"
        for name, weight, style in _FACES
    )


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render an HTML document to PDF bytes. ``base_url`` resolves relative links and images."""
    # Imported here: WeasyPrint loads Pango through cffi, a cost pages that never print need not
    # pay. A fresh FontConfiguration per document (~15 ms) keeps this safe under threads.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(string=f'{font_face_css()}\nhtml {{ font-family: "{FONT_FAMILY}", serif; }}',
              font_config=fonts)  # fmt: skip
    pdf = HTML(string=html, base_url=base_url).write_pdf(stylesheets=[css], font_config=fonts)
    assert pdf is not None  # write_pdf returns bytes when given no target
    return bytes(pdf)
