"""Photo uploads: recognise the type by content, refuse bombs, strip every piece of metadata.

A phone photo carries the GPS position of the person who took it, the camera's serial
number and a thumbnail that may show what was cropped away. Nothing of it survives here:
the pixels are decoded, turned upright, shrunk and written into a brand-new file.
"""

from __future__ import annotations

import hashlib
import io
import struct
import warnings
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

try:  # HEIC/HEIF (iPhone photos) when the well-kept libheif binding is installed
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIF_SUPPORTED = True
except ImportError:  # pragma: no cover - depends on the installation
    HEIF_SUPPORTED = False

MAX_BYTES = 15 * 2**20
MAX_PIXELS = 40_000_000  # decoded pixels; bigger JPEGs (48–50 MP phones) are decoded reduced
MAX_SIDE = 1600
JPEG_QUALITY = 82

_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


class PhotoRejected(Exception):
    """The upload is not a photo we accept; `reason` says why (the view words it)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason  # "empty", "too_big", "type", "too_many_pixels", "broken"


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes
    media_type: str
    extension: str
    width: int
    height: int
    source_sha256: str


def sniff_type(data: bytes) -> str | None:
    """The Pillow format name the first bytes promise, or None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if HEIF_SUPPORTED and data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "HEIF"
    return None


def _open(data: bytes, fmt: str) -> Image.Image:
    return Image.open(io.BytesIO(data), formats=[fmt])


def _jpeg_reduction(width: int, height: int, max_pixels: int) -> int | None:
    """The JPEG decoder can decode at 1/2, 1/4 or 1/8 of the size directly (draft mode);
    the smallest such step that brings the photo within max_pixels, or None."""
    for scale in (1, 2, 4, 8):
        if -(-width // scale) * -(-height // scale) <= max_pixels:
            return scale
    return None


def _decode(data: bytes, fmt: str, max_pixels: int) -> Image.Image:
    """Decode fully, refusing huge, broken or mislabelled files before they use memory.

    A JPEG with more pixels than max_pixels (a 48 or 50 MP phone photo) is decoded at a
    reduced size, so it never takes more memory than an allowed photo; other formats
    cannot be decoded reduced and are refused. Pillow's decompression-bomb limit still
    refuses absurd sizes of any format before anything is decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            warnings.simplefilter("ignore", UserWarning)  # "Corrupt EXIF data": it is dropped
            probe = _open(data, fmt)
            width, height = probe.size
            scale = _jpeg_reduction(width, height, max_pixels) if fmt == "JPEG" else None
            if width * height > max_pixels and scale is None:
                raise PhotoRejected("too_many_pixels")
            probe.verify()  # structure and checksums; the object is unusable afterwards
            image = _open(data, fmt)
            if scale and scale > 1:
                image.draft(image.mode, (max(1, width // scale), max(1, height // scale)))
                if image.width * image.height > max_pixels:
                    raise PhotoRejected("too_many_pixels")
            image.load()  # a truncated file fails here ("image file is truncated")
    except PhotoRejected:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRejected("too_many_pixels") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise PhotoRejected("broken") from None
    return image


def _to_srgb(image: Image.Image) -> Image.Image:
    """Convert wide-gamut photos (Display P3) to sRGB, since the profile is dropped."""
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in {"RGB", "RGBA"}:
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        return ImageCms.profileToProfile(
            image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode
        )
    except (ImageCms.PyCMSError, OSError):
        return image


def _upright(image: Image.Image) -> Image.Image:
    """Turn the photo as its EXIF orientation says. EXIF that cannot be read gives no
    orientation to apply (it is dropped with all other metadata anyway)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        try:
            return ImageOps.exif_transpose(image)
        except (SyntaxError, ValueError, OSError, struct.error):  # Pillow: "not a TIFF file"
            return image


def clean_photo(
    data: bytes, *, max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS
) -> CleanPhoto:
    """Check and re-encode an uploaded photo; raise PhotoRejected if it is not acceptable."""
    if not data:
        raise PhotoRejected("empty")
    if len(data) > max_bytes:
        raise PhotoRejected("too_big")
    fmt = sniff_type(data)
    if fmt is None:
        raise PhotoRejected("type")
    image = _to_srgb(_upright(_decode(data, fmt, max_pixels)))
    has_alpha = image.mode in {"RGBA", "LA", "PA"} or (
        image.mode == "P" and "transparency" in image.info
    )
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # a brand-new image: no info dict, so no EXIF, GPS, XMP, ICC or thumbnail can ride along
    fresh = Image.frombytes(image.mode, image.size, image.tobytes())
    out = io.BytesIO()
    if has_alpha:
        fresh.save(out, format="WEBP", quality=JPEG_QUALITY, method=4)
        media_type, extension = "image/webp", "webp"
    else:
        fresh.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
        media_type, extension = "image/jpeg", "jpg"
    return CleanPhoto(
        data=out.getvalue(),
        media_type=media_type,
        extension=extension,
        width=fresh.width,
        height=fresh.height,
        source_sha256=hashlib.sha256(data).hexdigest(),
    )
