"""A worker's peak memory for the largest image the intranet accepts.

For each format, a square photo with as many pixels as
`WAGTAILIMAGES_MAX_IMAGE_PIXELS` allows is written to a file; then a fresh
process, with Django set up as a worker has it, checks and re-encodes it as a
profile photo (`people.services.prepare_photo`), and another makes a Wagtail
rendition of it as an image in the admin would be (its upload form's checks,
then `fill-1200x630`). Each prints its resident memory before and its peak
during the work (Linux's VmRSS and VmHWM, the peak reset first). The figures
go in docs/operations.md.

    .venv/bin/python -m benchmarks.photo_memory
"""

import math
import os
import subprocess
import sys
import tempfile
from io import BytesIO
from pathlib import Path

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
SETTINGS = "intranet.settings.test"


def status_mib(field: str) -> float:
    """A memory figure of this process from Linux's /proc/self/status, in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise LookupError(field)


def reset_peak() -> None:
    # Writing 5 to clear_refs resets the peak resident set size (VmHWM) to
    # the current one, so the peak read afterwards is this photo's alone.
    Path("/proc/self/clear_refs").write_text("5")


def measure(kind: str, path: str) -> None:
    """In a fresh process: the peak before and after one photo is handled."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from wagtail.images.models import Filter, Image

    from intranet.image_forms import HeaderCheckedImageField
    from people.services import prepare_photo

    upload = SimpleUploadedFile(Path(path).name, Path(path).read_bytes())
    reset_peak()
    before = status_mib("VmRSS")
    if kind == "photo":
        prepare_photo(upload)
    else:
        # What Wagtail does with an upload: its form field's checks (the
        # header, then Willow's own, which decodes), then a rendition.
        checked = HeaderCheckedImageField().clean(upload)
        width, height = checked.image.get_size()
        upload.seek(0)
        # Collection 1 is the root, named so that making the stand-in asks no database.
        image = Image(width=width, height=height, collection_id=1)
        Filter("fill-1200x630").run(image, BytesIO(), source=upload)
    print(f"{before:.0f} {status_mib('VmHWM'):.0f}")


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    django.setup()
    from PIL import Image as PillowImage

    from django.conf import settings

    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    side = math.isqrt(limit)
    print(f"Largest accepted: {side}×{side} ({side * side:,} pixels, limit {limit:,})")
    print("| image | kind | file | resident before | peak | added |")
    print("| --- | --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as folder:
        for image_format, extension in FORMATS.items():
            path = Path(folder) / f"largest.{extension}"
            PillowImage.new("RGB", (side, side), "teal").save(path, format=image_format)
            size = path.stat().st_size // 1024
            for kind in ("photo", "rendition"):
                result = subprocess.run(  # noqa: S603 (this interpreter, this module)
                    [sys.executable, "-m", "benchmarks.photo_memory", kind, str(path)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                before, after = (float(value) for value in result.stdout.split())
                print(
                    f"| {image_format} | {kind} | {size} KiB | {before:.0f} MiB | {after:.0f} MiB "
                    f"| {after - before:.0f} MiB |"
                )


if __name__ == "__main__":
    if len(sys.argv) == 3:
        measure(sys.argv[1], sys.argv[2])
    else:
        main()
