"""Walk photo uploads fuzzed: random and mangled bytes, bombs, metadata of every kind, names
that try to escape. Either a clear message with nothing stored (no row, no file), or one
re-encoded photo without any metadata. Never a 500. (tests/test_walks_photos.py covers the
basic cases: GPS in a JPEG, SVG, polyglots, oversize.)"""

from __future__ import annotations

import base64
import io
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from survey.db import get_session
from survey.models import Observation, Photo

from ..pages import check_page
from ..walk_helpers import GPS_IFD, jpeg_with_gps, make_walk, observation_data, png_bytes
from .fuzzing import fuzz_settings

FUZZ = fuzz_settings(25)
SECRET = "Geheimer Kommentar 51.3127N"
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
       b'22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" '
       b'exif:GPSLatitude="51,18.76N"/></rdf:RDF></x:xmpmeta>')  # fmt: skip
MAGIC = [b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBP",
         b"\x00\x00\x00\x18ftypheic"]  # fmt: skip


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Industries"
    exif[0x010E] = SECRET  # ImageDescription
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (51.0, 18.0, 45.72), 3: "E", 4: (9.0, 29.0, 47.0)})
    return exif


def _icc() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def jpeg_with_everything() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (10, 120, 200)).save(
        out, "JPEG", exif=_exif(), comment=SECRET.encode(), icc_profile=_icc(), xmp=XMP
    )
    return out.getvalue()


def png_with_everything(mode: str = "RGB") -> bytes:
    info = PngInfo()
    info.add_text("Comment", SECRET)
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    out = io.BytesIO()
    Image.new(mode, (300, 200), (200, 30, 30, 128)[: len(mode)]).save(
        out, "PNG", pnginfo=info, exif=_exif(), icc_profile=_icc()
    )
    return out.getvalue()


def webp_with_everything() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 200), (30, 200, 30)).save(
        out, "WEBP", exif=_exif(), icc_profile=_icc(), xmp=XMP
    )
    return out.getvalue()


def png_bomb(side: int = 20_000) -> bytes:
    """A PNG that claims 20000 × 20000 pixels (400 megapixels) in a few hundred bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" + b"\x00" * (side // 8), 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


def _post(client, walk_uuid: str, files: list[tuple[bytes, str]]):
    """Multipart encoded in memory (the test client spools big bodies to a file it leaks)."""
    fields = list(observation_data().items())
    fields += [("photos", FileStorage(io.BytesIO(data), name)) for data, name in files]
    boundary, body = encode_multipart(MultiDict(fields))
    return client.post(
        f"/walks/{walk_uuid}/observations/new?lang=en",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def _stored(app) -> tuple[int, int, list[Path]]:
    root = Path(app.config["UPLOAD_DIR"])
    files = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
    with app.app_context():
        session = get_session()
        return (
            session.scalar(select(func.count(Observation.id))),
            session.scalar(select(func.count(Photo.id))),
            files,
        )


def assert_clean(path: Path) -> None:
    """The stored file is a fresh JPEG or WebP: no EXIF, GPS, XMP, ICC, comment, text."""
    data = path.read_bytes()
    with Image.open(path) as image:
        assert image.format in {"JPEG", "WEBP"}
        assert not image.getexif(), "EXIF kept"
        assert not image.getexif().get_ifd(GPS_IFD), "GPS kept"
        for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "Comment"):
            assert key not in image.info, f"{key} kept"
        image.load()
    for needle in (b"Exif", b"SpyCam", SECRET.encode(), b"xmpmeta", b"GPSLatitude", b"ICC_PROFILE"):
        assert needle not in data, needle


def assert_refused(app, reply, before) -> list[str]:
    assert reply.status_code == 422, reply.status_code
    soup = check_page(reply)
    summary = soup.select_one(".error-summary")
    assert summary is not None
    text = summary.get_text(" ", strip=True)
    assert "photo" in text or "file" in text, text
    assert "<script>alert" not in reply.get_data(as_text=True)
    assert "<img src=x" not in reply.get_data(as_text=True)
    assert _stored(app) == before, "a refused upload left a row or a file behind"
    return text


@pytest.fixture
def walk(app, walk_leader):
    return make_walk(app, walk_leader)


@pytest.mark.parametrize(
    "make", [jpeg_with_everything, png_with_everything, webp_with_everything,
             lambda: png_with_everything("RGBA")], ids=["jpeg", "png", "webp", "png-alpha"]
)  # fmt: skip
def test_every_kind_of_metadata_is_stripped(app, client, walk, make):
    original = make()
    assert SECRET.encode() in original or b"SpyCam" in original
    reply = _post(client, walk, [(original, "IMG_0001.jpg")])
    assert reply.status_code == 302, reply.get_data(as_text=True)[:500]
    observations, photos, files = _stored(app)
    assert (observations, photos, len(files)) == (1, 1, 1)
    assert_clean(files[0])


@pytest.mark.parametrize(
    ("make", "marker"),
    [(webp_with_everything, b"EXIF"), (jpeg_with_everything, b"Exif\x00\x00")],
    ids=["webp", "jpeg"],
)
def test_a_photo_whose_exif_cannot_be_read_is_stored_clean(app, client, walk, make, marker):
    """Found by `make fuzz`: a broken byte order mark in the EXIF block ("not a TIFF file")
    was a 500. The photo has no orientation to apply then, and is stored without metadata."""
    original = make()
    start = original.index(marker) + (8 if marker == b"EXIF" else len(marker))
    assert original[start : start + 2] in {b"MM", b"II"}  # the TIFF header of the EXIF block
    broken = original[:start] + b"\x00" + original[start + 1 :]
    reply = _post(client, walk, [(broken, "IMG_0002.jpg")])
    assert reply.status_code == 302, reply.get_data(as_text=True)[:500]
    observations, photos, files = _stored(app)
    assert (observations, photos, len(files)) == (1, 1, 1)
    assert_clean(files[0])


def _mangled(data: bytes, cut: int, flips: list[tuple[int, int]]) -> bytes:
    result = bytearray(data[: max(cut, 1)])
    for position, value in flips:
        result[position % len(result)] = value
    return bytes(result)


uploads = st.one_of(
    st.binary(max_size=3000),
    st.builds(lambda m, rest: m + rest, st.sampled_from(MAGIC), st.binary(max_size=3000)),
    st.builds(
        _mangled,
        st.sampled_from([jpeg_with_gps(size=(64, 48)), png_bytes(), webp_with_everything()]),
        st.integers(min_value=1, max_value=20_000),
        st.lists(st.tuples(st.integers(0, 20_000), st.integers(0, 255)), max_size=6),
    ),
)
names = st.one_of(
    st.sampled_from(["../../etc/passwd", "..\\..\\boot.ini", "/etc/shadow", "\u202egpj.exe",
                     "a\x00.jpg", "<img src=x onerror=alert(1)>.jpg", "x" * 300 + ".jpg",
                     "photo.jpg", "", "CON", ".htaccess", "😀.png"]),
    st.text(max_size=60),
)  # fmt: skip


@FUZZ
@given(data=uploads, name=names)
def test_random_and_mangled_bytes_are_refused_or_stored_clean(app, client, walk, data, name):
    before = _stored(app)
    reply = _post(client, walk, [(data, name)])
    assert reply.status_code in {302, 422}, reply.status_code
    if reply.status_code == 422:
        assert_refused(app, reply, before)
        return
    observations, photos, files = _stored(app)
    assert observations == before[0] + 1
    new = [f for f in files if f not in before[2]]
    assert photos - before[1] == len(new) <= 1
    root = Path(app.config["UPLOAD_DIR"]).resolve()
    for path in new:
        assert path.resolve().is_relative_to(root)
        assert name.strip() == "" or Path(name).stem not in path.name or len(Path(name).stem) < 3
        assert_clean(path)


def test_bombs_empty_files_and_mislabelled_content(app, client, walk):
    cases = [
        ([(png_bomb(), "bomb.png")], "has too many pixels"),
        ([(b"", "empty.jpg")], "is empty"),
        ([(png_bytes()[:60], "cut.png")], "could not be read"),
        ([(jpeg_with_gps()[:200], "cut.jpg")], "could not be read"),
        ([(b"MZ\x90\x00" + b"\x00" * 100, "photo.jpg")], "is not a photo"),
        ([(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "anim.gif")], "is not a photo"),
        # one good photo and one bad one: nothing at all is stored
        ([(jpeg_with_gps(), "good.jpg"), (b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "bad.png")],
         "could not be read"),
    ]  # fmt: skip
    for files, message in cases:
        before = _stored(app)
        reply = _post(client, walk, files)
        assert message in assert_refused(app, reply, before), files[0][1]


def test_names_never_reach_the_disk_and_are_shown_escaped(app, client, walk):
    for name in ["../../../../tmp/evil.jpg", "\u202egpj.exe", "<script>alert(1)</script>.jpg",
                 "a\x00b.jpg", "C:\\Windows\\evil.jpg"]:  # fmt: skip
        before = _stored(app)
        reply = _post(client, walk, [(b"not a photo", name)])
        text = assert_refused(app, reply, before)
        assert "is not a photo" in text
        html = reply.get_data(as_text=True)
        assert "<script>alert(1)</script>" not in html
    # a mislabelled but real photo is stored under a generated name, by its content
    reply = _post(client, walk, [(png_bytes(), "../../../../tmp/evil.exe")])
    assert reply.status_code == 302
    [stored] = _stored(app)[2]
    assert "evil" not in str(stored)
    assert stored.suffix == ".jpg"
    assert not Path("/tmp/evil.exe").exists()
    assert_clean(stored)


def _api(client, walk_uuid: str, photos: list):
    body = {**observation_data(), "photos": photos}
    return client.post(f"/api/v1/walks/{walk_uuid}/observations?lang=en", json=body)


@FUZZ
@given(photos=st.lists(st.one_of(st.text(max_size=50), uploads.map(lambda b: base64.b64encode(b).decode()),
                                 st.integers(), st.none()), max_size=3))  # fmt: skip
def test_sync_api_takes_any_base64_photo_list(app, client, walk, photos):
    before = _stored(app)
    reply = _api(client, walk, photos)
    assert reply.status_code in {201, 200, 422}, reply.status_code
    body = reply.get_json()
    assert body is not None
    if reply.status_code == 422:
        assert body["errors"]
        assert all(e["message"] for e in body["errors"])
        assert _stored(app) == before
        return
    for path in [f for f in _stored(app)[2] if f not in before[2]]:
        assert_clean(path)


def test_sync_api_strips_metadata_from_base64_photos(app, client, walk):
    photos = [
        base64.b64encode(make()).decode() for make in (jpeg_with_everything, webp_with_everything)
    ]
    reply = _api(client, walk, photos)
    assert reply.status_code == 201, reply.get_json()
    _observations, count, files = _stored(app)
    assert count == len(files) == 2
    for path in files:
        assert_clean(path)


def test_a_photo_with_corrupt_exif_is_stored_clean_or_refused(app, client, walk):
    """Pillow only warns about corrupt EXIF; the upload must not fail on the warning."""
    good = jpeg_with_gps(size=(64, 48))
    start = good.index(b"Exif")
    corrupt = good[: start + 20] + b"\x00\x01\x01\x01" + b"\x00" * 8 + good[start + 32 :]
    before = _stored(app)
    reply = _post(client, walk, [(corrupt, "corrupt.jpg")])
    assert reply.status_code in {302, 422}, reply.status_code
    if reply.status_code == 422:
        assert_refused(app, reply, before)
    else:
        [path] = _stored(app)[2]
        assert_clean(path)
