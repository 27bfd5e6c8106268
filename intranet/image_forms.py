"""Wagtail's image form, with the pixels counted from the header before anything decodes.

Wagtail's own check (`WagtailImageField.check_image_pixel_size`) asks Willow
for the size, which decodes the whole image first: a small file whose header
claims many pixels took that memory before being refused, and a file cut
short after its header was a server error. `ImageForm` is Wagtail's image
form base here (`WAGTAILIMAGES_IMAGE_FORM_BASE`, which the add, edit, bulk
upload and chooser forms all build on).
"""

from PIL import Image

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from intranet.image_limits import UNREADABLE, header, max_pixels, too_many_pixels


class HeaderCheckedImageField(WagtailImageField):
    """Wagtail's image field, with the pixels counted before Wagtail decodes the image."""

    def to_python(self, data):
        if hasattr(data, "seek"):
            try:
                _format, width, height = header(data)
            except Image.DecompressionBombError:
                self._refuse_pixels(_("unknown number"))
            except UNREADABLE:
                pass  # Wagtail's own check says the file is not an image.
            else:
                if too_many_pixels(width, height):
                    self._refuse_pixels(width * height)
        try:
            return super().to_python(data)
        except UNREADABLE:
            raise ValidationError(
                _("This image is damaged or incomplete: save it again and upload the copy."),
                code="invalid_image",
            ) from None

    def _refuse_pixels(self, count):
        raise ValidationError(
            self.error_messages["file_too_many_pixels"]
            % {"num_pixels": count, "max_pixels_count": max_pixels()},
            code="file_too_many_pixels",
        )


class ImageForm(BaseImageForm):
    """Wagtail's image form, whose file field counts the pixels from the header."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            self.fields["file"] = HeaderCheckedImageField(
                label=field.label,
                required=field.required,
                widget=field.widget,
                help_text=field.help_text,
            )
