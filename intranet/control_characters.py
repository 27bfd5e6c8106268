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

# The formatting characters that reorder the text after them (embeddings,
# overrides and isolates): "Bad\u202eName" shows as "BademaN". Marks of
# direction alone (U+200E, U+200F), which right-to-left names may need, stay.
REORDERING = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@deconstructible
class ProhibitControlCharactersValidator(ProhibitNullCharactersValidator):
    """Django's NUL rule, widened to every control character (Unicode category Cc) and to
    the characters that reorder text."""

    message = _("Remove the control character %(character)s: this is one line of plain text.")
    code = "control_characters_not_allowed"

    def __call__(self, value):
        for character in str(value):
            if unicodedata.category(character) == "Cc" or character in REORDERING:
                raise ValidationError(
                    self.message,
                    code=self.code,
                    params={"character": f"U+{ord(character):04X}"},
                )


validate_one_line = ProhibitControlCharactersValidator()
