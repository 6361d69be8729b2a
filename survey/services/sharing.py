"""QR codes for a survey's link, made locally with segno (no web service sees the link)."""

from __future__ import annotations

import io

import segno


def _qr(url: str) -> segno.QRCode:
    # level M survives a crumpled or partly covered poster
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, title: str = "", scale: int = 8) -> bytes:
    """The QR code as a standalone SVG image."""
    buffer = io.BytesIO()
    _qr(url).save(
        buffer, kind="svg", scale=scale, border=4, title=title or None, dark="#000", light="#fff"
    )
    return buffer.getvalue()


def qr_png(url: str, scale: int = 12) -> bytes:
    """The QR code as a PNG image, large enough to print."""
    buffer = io.BytesIO()
    _qr(url).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
