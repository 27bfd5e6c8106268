"""One rule for a line of text a person types or an HR file brings: no control characters.

Django's form fields refuse a NUL byte (`ProhibitNullCharactersValidator`),
which PostgreSQL cannot store. The other control characters (an escape
sequence, a bell, a backspace, a stray line break) are as invisible and as
unwanted in a name or a job title, which the directory, the admin and the
terminal all show. The profile form and `import_people` both apply this rule.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@deconstructible
class ProhibitControlCharactersValidator(ProhibitNullCharactersValidator):
    """Django's NUL rule, widened to every control character (Unicode category Cc)."""

    message = _("Remove the control character %(character)s: this is one line of plain text.")
    code = "control_characters_not_allowed"

    def __call__(self, value):
        for character in str(value):
            if unicodedata.category(character) == "Cc":
                raise ValidationError(
                    self.message,
                    code=self.code,
                    params={"character": f"U+{ord(character):04X}"},
                )


validate_one_line = ProhibitControlCharactersValidator()
