"""The rules of people's profiles: who edits what, and which photos are accepted.

Views, signals and commands stay thin and call these functions.
"""

from io import BytesIO

from PIL import Image, ImageOps

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from intranet import image_limits
from people.models import Profile

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MIN_PIXELS = 64
# Pillow's format names, and the extension each is stored under. Formats that
# can carry scripts (SVG) or that Pillow reads only loosely are refused.
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Photos are shown as avatars and on a profile card: larger adds weight, not detail.
PHOTO_STORED_PIXELS = 512
MAX_EXPERTISE_TAGS = 20


class NotYourProfile(PermissionDenied):
    """Someone tried to edit a profile that is not theirs, without being an administrator."""


def default_display_name(user) -> str:
    return user.get_full_name() or user.get_username()


def unique_username(email: str) -> str:
    """A user name made from the address's local part, numbered if it is taken."""
    User = get_user_model()
    base = "".join(c for c in email.split("@")[0] if c.isalnum() or c in "._-")[:140] or "person"
    username, number = base, 1
    while User.objects.filter(username=username).exists():
        number += 1
        username = f"{base}{number}"
    return username


def mark_as_left(user) -> bool:
    """A person who has left: their account no longer signs in, and what they wrote stays.

    Administrators are left alone: an HR export or a provisioning client does
    not list the accounts that run the intranet, and locking them out would
    leave nobody to fix it. Whether the person was marked.
    """
    if user.is_superuser:
        return False
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
    return True


def ensure_profile(user) -> Profile:
    """The user's profile, made from their account details when they have none."""
    profile, _created = Profile.objects.get_or_create(
        user=user,
        defaults={"display_name": default_display_name(user), "email": user.email},
    )
    return profile


def can_edit_profile(user, profile: Profile) -> bool:
    """A person edits their own profile; administrators edit anyone's."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or profile.user_id == user.pk


def prepare_photo(upload) -> ContentFile:
    """A checked, re-encoded copy of an uploaded photo, or a ValidationError saying why not.

    The file is judged by its content, never its name, and its size in pixels
    is checked from its header before any of it is decoded. Re-encoding drops
    the metadata (a phone's photo carries where it was taken), turns the
    picture upright as the camera meant it, and bounds its size.
    """
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo is %(size)s: choose one under %(max)s."),
            params={
                "size": filesizeformat(upload.size),
                "max": filesizeformat(PHOTO_MAX_BYTES),
            },
            code="photo_too_large",
        )
    not_a_photo = ValidationError(
        _("This file is not a JPEG, PNG or WebP photo."), code="photo_type"
    )
    limit = number_format(image_limits.max_pixels(), force_grouping=True)
    try:
        image_format, width, height = image_limits.header(upload)
    except Image.DecompressionBombError:
        # Pillow refuses to open an image over twice its own limit at all.
        raise ValidationError(
            _("The photo has too many pixels: keep it under %(max)s."),
            params={"max": limit},
            code="photo_too_big",
        ) from None
    except image_limits.UNREADABLE:
        raise not_a_photo from None
    if image_format not in PHOTO_FORMATS:
        raise not_a_photo
    if min(width, height) < PHOTO_MIN_PIXELS:
        raise ValidationError(
            _("The photo is %(width)d×%(height)d pixels: it needs at least %(min)d on each side."),
            params={"width": width, "height": height, "min": PHOTO_MIN_PIXELS},
            code="photo_too_small",
        )
    if image_limits.too_many_pixels(width, height):
        raise ValidationError(
            _("The photo is %(width)d×%(height)d pixels: keep it under %(max)s pixels."),
            params={"width": width, "height": height, "max": limit},
            code="photo_too_big",
        )
    try:
        return _re_encoded(upload, image_format)
    except image_limits.UNREADABLE:
        # Only decoding finds a file cut short or damaged after its header.
        raise ValidationError(
            _("This photo is damaged or incomplete: save it again and upload the copy."),
            code="photo_damaged",
        ) from None


def _re_encoded(upload, image_format: str) -> ContentFile:
    upload.seek(0)
    with Image.open(upload) as image:
        # Shrunk before it is turned upright: a JPEG then decodes at a fraction
        # of its size (Pillow's `draft`), and the turn works on the small copy.
        image.thumbnail((PHOTO_STORED_PIXELS, PHOTO_STORED_PIXELS))
        image = ImageOps.exif_transpose(image)
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        output = BytesIO()
        image.save(output, format=image_format)
    return ContentFile(output.getvalue(), name=f"photo.{PHOTO_FORMATS[image_format]}")


def clean_expertise(tags: list[str]) -> list[str]:
    tags = list(dict.fromkeys(tag.strip() for tag in tags if tag.strip()))
    if len(tags) > MAX_EXPERTISE_TAGS:
        raise ValidationError(
            _("List at most %(max)d areas of expertise (there are %(count)d)."),
            params={"max": MAX_EXPERTISE_TAGS, "count": len(tags)},
            code="too_many_tags",
        )
    return tags


@transaction.atomic
def update_profile(
    editor, profile: Profile, fields: dict, expertise: list[str], photo=None, remove_photo=False
) -> Profile:
    """Save new details on a profile, checked against who is editing.

    `photo` is the output of `prepare_photo`. The replaced file is deleted only
    once the change is committed, so a failed save leaves the old photo in place.
    """
    if not can_edit_profile(editor, profile):
        raise NotYourProfile(_("You can only edit your own profile."))
    for name, value in fields.items():
        setattr(profile, name, value)
    old_photo = profile.photo.name if profile.photo else ""
    if photo is not None:
        profile.photo.save(photo.name, photo, save=False)
    elif remove_photo:
        profile.photo = ""
    profile.full_clean(exclude=["photo"])
    profile.save()
    profile.expertise.set(clean_expertise(expertise))
    if old_photo and old_photo != profile.photo.name:
        storage = profile.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    return profile
