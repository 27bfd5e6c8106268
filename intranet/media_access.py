"""Which uploaded files /media/ may send to a signed-in reader.

Wagtail's documents are sent only by Wagtail's own view, `/documents/<id>/<name>`
(`WAGTAILDOCS_SERVE_METHOD = "serve_view"`), which checks their collection's
view restrictions first; /media/ never sends them, nor spreadsheet exports. Wagtail's images, the
originals and their renditions, are sent only to a reader who passes every
view restriction on the image's collection, judged as Wagtail judges them for
documents. Other uploads (profile photos) are for everyone signed in.
"""

import posixpath

from wagtail.images import get_image_model

# The folders Wagtail uploads into (`AbstractDocument.file`,
# `AbstractImage.get_upload_to`, `AbstractRendition.get_upload_to`).
DOCUMENTS = "documents/"
ORIGINAL_IMAGES = "original_images/"
RENDITIONS = "images/"
# Spreadsheet exports (`intranet.models.export_file_path`): only their own download view sends them.
EXPORTS = "exports/"


def may_send(request, path: str) -> bool:
    """Whether /media/ may send the upload stored at `path` to `request`'s reader."""
    # Only a file's plain name: another spelling of it (`people/../documents/…`,
    # `//`, a trailing slash) would reach a folder without its folder's rule.
    # Nor a NUL byte, which no file name holds and neither the file system nor
    # PostgreSQL accepts.
    if "\x00" in path:
        return False
    if posixpath.normpath(path) != path or path.startswith("/") or ".." in path.split("/"):
        return False
    if path.startswith((DOCUMENTS, EXPORTS)):
        return False
    images = get_image_model().objects.select_related("collection")
    if path.startswith(ORIGINAL_IMAGES):
        image = images.filter(file=path).first()
    elif path.startswith(RENDITIONS):
        image = images.filter(renditions__file=path).first()
    else:
        return True
    # A file no image owns any more is not sent: private by default.
    return image is not None and all(
        restriction.accept_request(request)
        for restriction in image.collection.get_view_restrictions()
    )
