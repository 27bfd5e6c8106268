"""The shared field template: a label, the widget, its help text and its errors."""

import re

from django import forms
from django.template.loader import render_to_string


class TitleForm(forms.Form):
    title = forms.CharField(help_text="A question or a topic, in a few words.")


def test_the_help_text_is_the_description_the_widget_points_to():
    html = render_to_string("includes/form_field.html", {"field": TitleForm()["title"]})
    # Django names the help text in the widget's aria-describedby; a screen
    # reader reads it only if an element carries that id.
    described_by = re.search(r'aria-describedby="([^"]+)"', html).group(1)
    assert re.search(
        rf'<p class="field__help" id="{described_by}">A question or a topic, in a few words.</p>',
        html,
    )
