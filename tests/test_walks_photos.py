"""Photos: metadata stripped, orientation applied, abuse refused by content, staff-only."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from survey.models import Role
from survey.services.photos import PhotoRejected, clean_photo

from .pages import check_page
from .walk_helpers import (
    GPS_IFD,
    client_for,
    find_walk,
    jpeg_with_gps,
    make_walk,
    observation_data,
    png_bytes,
)


def _post(client, walk_uuid, content: bytes, name: str, **fields):
    data = observation_data(**fields)
    data["photos"] = (io.BytesIO(content), name)
    return client.post(
        f"/walks/{walk_uuid}/observations/new?lang=en",
        data=data,
        content_type="multipart/form-data",
    )


def _stored_files(upload_dir) -> list[Path]:
    root = Path(upload_dir)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_gps_and_camera_data_are_gone_from_the_stored_photo(app, client, walk_leader):
    original = jpeg_with_gps(size=(3000, 2000), orientation=6)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD), "the upload has GPS"
    walk_uuid = make_walk(app, walk_leader)
    response = _post(client, walk_uuid, original, "IMG_4711.JPG")
    assert response.status_code == 302

    photo = find_walk(app, walk_uuid).observations[0].photos[0]
    [stored_path] = _stored_files(app.config["UPLOAD_DIR"])
    assert "IMG_4711" not in str(stored_path)
    stored = stored_path.read_bytes()
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG"
    assert not image.getexif(), "no EXIF at all"
    assert not image.getexif().get_ifd(GPS_IFD)
    for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "photoshop", "comment"):
        assert key not in image.info
    assert b"Exif" not in stored
    assert b"SpyCam" not in stored
    assert b"Model X" not in stored
    # orientation 6 (turned 90°) is applied, then the long side is cut to 1600 px
    assert image.size == (photo.width, photo.height) == (1067, 1600)

    served = client.get(f"/walks/photos/{photo.uuid}")
    assert served.status_code == 200
    assert served.data == stored
    assert served.headers["Content-Type"] == "image/jpeg"
    assert "private" in served.headers["Cache-Control"]
    assert served.headers["X-Content-Type-Options"] == "nosniff"


def test_png_with_transparency_is_kept_as_webp(app, client, walk_leader):
    walk_uuid = make_walk(app, walk_leader)
    assert _post(client, walk_uuid, png_bytes(mode="RGBA"), "plan.png").status_code == 302
    photo = find_walk(app, walk_uuid).observations[0].photos[0]
    assert photo.media_type == "image/webp"


def _bomb_png() -> bytes:
    out = io.BytesIO()
    Image.new("1", (12_000, 12_000)).save(out, "PNG")  # 144 megapixels, a few kB
    return out.getvalue()


def _truncated_jpeg() -> bytes:
    data = jpeg_with_gps()
    return data[: len(data) // 2]


def _polyglot() -> bytes:
    return b"GIF89a/*\x00\x00*/=1;<script>alert(document.domain)</script>"


ABUSE = [
    ("page.jpg", b"<!doctype html><html><script>alert(1)</script></html>", "is not a photo"),
    ("drawing.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "is not a photo"),
    ("image.svg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "is not a photo"),
    ("poly.jpg", _polyglot(), "is not a photo"),
    ("cut.jpg", _truncated_jpeg(), "could not be read"),
    ("fake.jpg", b"\xff\xd8\xff\xe0" + b"<html>not really</html>" * 20, "could not be read"),
    ("bomb.png", _bomb_png(), "has too many pixels"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "message"), ABUSE, ids=[a[0] for a in ABUSE])
def test_abusive_uploads_are_refused_and_nothing_is_stored(
    app, client, walk_leader, name, content, message
):
    walk_uuid = make_walk(app, walk_leader)
    response = _post(client, walk_uuid, content, name)
    assert response.status_code == 422
    soup = check_page(response)
    assert message in soup.select_one(".error-summary").get_text()
    assert name in soup.select_one(".error-summary").get_text()
    assert find_walk(app, walk_uuid).observations == []
    assert _stored_files(app.config["UPLOAD_DIR"]) == []


def test_oversize_photo_is_refused(make_app, make_user):
    app = make_app(PHOTO_MAX_BYTES=50_000)
    leader = make_user(Role.WALK_LEADER)
    client = client_for(app, leader)
    walk_uuid = make_walk(app, leader)
    big = jpeg_with_gps(size=(2400, 1800))
    assert len(big) > 50_000
    response = _post(client, walk_uuid, big, "big.jpg")
    assert response.status_code == 422
    assert "is too big" in check_page(response).get_text()
    assert find_walk(app, walk_uuid).observations == []


def test_jpeg_with_html_appended_is_re_encoded_clean():
    payload = jpeg_with_gps() + b"<script>alert(1)</script>"
    clean = clean_photo(payload)
    assert b"<script>" not in clean.data


def test_type_comes_from_content_not_name():
    clean = clean_photo(png_bytes())  # no name at all: the bytes decide
    assert clean.media_type == "image/jpeg"
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
    assert refused.value.reason == "type"


def test_deleting_a_photo_removes_the_file(app, client, walk_leader):
    walk_uuid = make_walk(app, walk_leader)
    _post(client, walk_uuid, jpeg_with_gps(), "a.jpg")
    obs = find_walk(app, walk_uuid).observations[0]
    page = check_page(client.get(f"/walks/{walk_uuid}/observations/{obs.id}/edit?lang=en"))
    assert page.find("img")
    url = f"/walks/{walk_uuid}/observations/{obs.id}/photos/{obs.photos[0].uuid}/delete"
    assert client.post(url).status_code == 302
    assert _stored_files(app.config["UPLOAD_DIR"]) == []
    assert client.get(f"/walks/photos/{obs.photos[0].uuid}").status_code == 404


def test_heic_photo_from_an_iphone_is_accepted_without_its_gps(app, client, walk_leader):
    import pillow_heif

    pillow_heif.register_heif_opener()
    exif = Image.Exif()
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 18.0, 45.0)})
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (30, 160, 60)).save(out, "HEIF", exif=exif.tobytes())
    heic = out.getvalue()
    assert Image.open(io.BytesIO(heic)).getexif().get_ifd(GPS_IFD)
    walk_uuid = make_walk(app, walk_leader)
    assert _post(client, walk_uuid, heic, "IMG_0042.HEIC").status_code == 302
    [stored] = _stored_files(app.config["UPLOAD_DIR"])
    with Image.open(stored) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
