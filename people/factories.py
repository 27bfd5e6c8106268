"""Factories for people, for the tests and the benchmark data set."""

import struct
import zlib
from io import BytesIO

import factory
from PIL import Image

from intranet.factories import UserFactory


class PersonFactory(UserFactory):
    """A user with their profile filled in; the signal has made the profile itself.

    Profile details are passed as `profile__<field>`, expertise as `expertise=[…]`.
    """

    @factory.post_generation
    def profile(user, create, extracted, **fields):
        if not create:
            return
        fields.setdefault("job_title", "Analyst")
        fields.setdefault("department", "Operations")
        fields.setdefault("location", "Lisbon")
        for name, value in fields.items():
            setattr(user.profile, name, value)
        user.profile.save()

    @factory.post_generation
    def expertise(user, create, extracted, **kwargs):
        if create and extracted:
            user.profile.expertise.set(extracted)


def image_bytes(size=(200, 200), image_format="PNG", colour="teal") -> bytes:
    """An image file's bytes, for upload tests."""
    output = BytesIO()
    Image.new("RGB", size, colour).save(output, format=image_format)
    return output.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header (IHDR) claims another size, its checksum recomputed: only
    decoding it would find that the pixels are not there."""
    png = image_bytes((64, 64))
    start = 8 + 8  # the signature, then the IHDR chunk's length and type
    data = struct.pack(">II", width, height) + png[start + 8 : start + 13]
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + data))
    return png[:start] + data + crc + png[start + 13 + 4 :]
