"""Form widgets shared by the intranet's pages."""

import html

from django import forms
from django.forms.utils import flatatt
from django.utils.choices import BaseChoiceIterator
from django.utils.html import format_html
from django.utils.safestring import mark_safe


class PlainChoices(BaseChoiceIterator):
    """(value, label) pairs, handed to a field or a widget as they are.

    Django normalises a list of choices each time it is set, on a field and
    again on its widget: for hundreds of communities, over a millisecond a
    request. An iterator of choices it takes as given, and pairs are already
    in normal form.
    """

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def __iter__(self):
        return iter(self.pairs)


class LongSelect(forms.Select):
    """A drop-down whose options are written in Python rather than through templates.

    Django renders every option through two templates; a filter with
    hundreds of choices (the directory's communities) made that most of
    the page's cost. Plain choices only: no option groups.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(item) for item in self.format_value(value)}
        # The standard library's escaping, as Django's `escape` does, without
        # a safe string built for every value and label: there may be hundreds.
        options = "".join(
            '<option value="{}"{}>{}</option>'.format(
                html.escape(str(choice)),
                " selected" if str(choice) in chosen else "",
                html.escape(str(label)),
            )
            for choice, label in self.choices
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # noqa: S308 (every value and label escaped above)
        )
