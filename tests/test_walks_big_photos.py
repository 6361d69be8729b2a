"""48–50 MP phone photos: JPEGs are decoded at a reduced size and accepted; other formats
with too many pixels and absurd sizes of any format are still refused."""

from __future__ import annotations

import io
import struct
import time

import pytest
from PIL import Image

from survey.services.photos import MAX_PIXELS, PhotoRejected, clean_photo

from .pages import check_page
from .security.test_fuzz_uploads import _post as _post_many
from .test_walks_photos import _post
from .walk_helpers import find_walk, make_walk


def _jpeg(size: tuple[int, int], orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 40, 40))
    image.paste((20, 90, 200), (0, 0, size[0] // 2, size[1] // 3))
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, exif=exif)
    return out.getvalue()


def _with_size(jpeg: bytes, width: int, height: int) -> bytes:
    """The same JPEG with other dimensions written into its frame header (SOF0)."""
    at = jpeg.index(b"\xff\xc0")
    return jpeg[: at + 5] + struct.pack(">HH", height, width) + jpeg[at + 9 :]


def test_a_50_megapixel_phone_jpeg_is_accepted_upright(app, client, walk_leader):
    photo = _jpeg((8160, 6120), orientation=6)  # 50 MP, taken holding the phone upright
    assert 8160 * 6120 > MAX_PIXELS
    walk_uuid = make_walk(app, walk_leader)
    started = time.perf_counter()
    response = _post_many(client, walk_uuid, [(photo, "IMG_5000.JPG")])
    assert response.status_code == 302, response.get_data(as_text=True)
    assert time.perf_counter() - started < 10
    [obs] = find_walk(app, walk_uuid).observations
    [stored] = obs.photos
    assert (stored.width, stored.height) == (1200, 1600)  # turned upright and shrunk


def test_reduced_decoding_goes_only_as_far_as_a_jpeg_allows():
    photo = _jpeg((2000, 1500))  # 3 MP; a JPEG decodes at most 8 times smaller per side
    assert clean_photo(photo, max_pixels=250 * 188).width == 250
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(photo, max_pixels=40_000)
    assert refused.value.reason == "too_many_pixels"


def test_other_formats_with_too_many_pixels_are_still_refused():
    out = io.BytesIO()
    Image.new("RGB", (400, 300)).save(out, "PNG")
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(out.getvalue(), max_pixels=100_000)
    assert refused.value.reason == "too_many_pixels"


def test_a_jpeg_claiming_absurd_dimensions_is_refused_before_decoding(app, client, walk_leader):
    bomb = _with_size(_jpeg((64, 48)), 65000, 65000)
    with pytest.raises(PhotoRejected) as refused:
        clean_photo(bomb)
    assert refused.value.reason == "too_many_pixels"
    walk_uuid = make_walk(app, walk_leader)
    response = _post(client, walk_uuid, bomb, "bomb.jpg")
    assert response.status_code == 422
    assert "too many pixels" in check_page(response).select_one(".error-summary").get_text()
    assert find_walk(app, walk_uuid).observations == []
