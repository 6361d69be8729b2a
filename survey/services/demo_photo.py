"""One demo photo for the demo walk, drawn with Pillow and stored like an upload."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Observation, ObservationKind, Photo
from .observations import add_photos
from .photos import clean_photo
from .storage import Storage

ALT_TEXT = "Hohe Bordsteinkante ohne Absenkung an einer Kreuzung"


def _drawing() -> bytes:
    """A simple picture of a high kerb at a crossing (street, kerb, pavement, sign)."""
    image = Image.new("RGB", (960, 640), "#b9c4cf")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 380, 960, 640), fill="#4d4d4d")  # street
    draw.rectangle((0, 330, 960, 380), fill="#9a9a9a")  # kerb face
    draw.rectangle((0, 250, 960, 330), fill="#c8c2b4")  # pavement
    for x in range(60, 960, 180):  # zebra crossing
        draw.rectangle((x, 420, x + 90, 640), fill="#f2f2f2")
    draw.rectangle((780, 60, 796, 250), fill="#555555")  # sign post
    draw.ellipse((740, 20, 836, 116), fill="#1d4f91")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def seed_demo_photo(session: Session, storage: Storage) -> bool:
    """Give the first demo barrier a photo, once; returns True when one was added."""
    if session.scalar(select(Photo.id).limit(1)) is not None:
        return False
    observation = session.scalar(
        select(Observation)
        .where(Observation.kind == ObservationKind.BARRIER, Observation.category_id.is_not(None))
        .order_by(Observation.id)
        .limit(1)
    )
    if observation is None:
        return False
    add_photos(session, observation, [clean_photo(_drawing())], storage, ALT_TEXT)
    return True
