"""How many pixels an uploaded image may have, checked from its header before it is decoded.

Decoding takes memory in proportion to the pixels, not to the file's size: a
plain 5000×5000 PNG fits in a hundred kilobytes and decodes to 100 MB. So
Wagtail's images and people's photos share one limit,
`WAGTAILIMAGES_MAX_IMAGE_PIXELS`, read from the header (Pillow's `Image.open`
reads nothing more) before anything decodes. docs/operations.md gives a
worker's peak memory at the limit (`benchmarks.photo_memory`).

Wagtail's images are checked by `intranet.image_forms`, people's photos by
`people.services.prepare_photo`.
"""

from PIL import Image, UnidentifiedImageError

from django.conf import settings

# What Pillow raises on a file that is not an image it can read, or is damaged.
UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


def max_pixels() -> int:
    return settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS


def too_many_pixels(width: int, height: int) -> bool:
    return width * height > max_pixels()


def header(file) -> tuple[str, int, int]:
    """The format, width and height an image file's header gives, without decoding it.

    Raises Pillow's `DecompressionBombError` for a size over twice Pillow's own
    limit, and one of `UNREADABLE` for a file that is not an image.
    """
    file.seek(0)
    try:
        with Image.open(file) as image:
            return image.format, *image.size
    finally:
        file.seek(0)
