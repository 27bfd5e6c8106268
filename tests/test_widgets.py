"""The quick drop-down says what Django's own would, options, choice and attributes alike;
choices handed over as they are behave as a list does."""

from html.parser import HTMLParser

from django import forms

from intranet.widgets import LongSelect, PlainChoices

CHOICES = [("", "Any"), ("r&d", "Research <and> development"), ("2", "Two"), (3, "Three")]


class Form(forms.Form):
    django = forms.ChoiceField(choices=CHOICES, required=False)
    quick = forms.ChoiceField(choices=CHOICES, required=False, widget=LongSelect)
    plain = forms.ChoiceField(choices=PlainChoices(CHOICES), required=False, widget=LongSelect)


class Elements(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append([tag, sorted(attrs)])

    def handle_data(self, data):
        if data.strip():
            self.found[-1].append(data.strip())


def parsed(bound_field, name):
    # The two fields differ only in name and id.
    return Elements(str(bound_field).replace(name, "field")).found


def test_it_renders_what_djangos_select_does_chosen_or_not_and_with_errors():
    for data in (
        {},
        {"django": "2", "quick": "2"},
        {"django": "3", "quick": "3"},
        {"django": "no", "quick": "no"},
    ):
        form = Form(data or None)
        form.is_valid()
        assert parsed(form["quick"], "quick") == parsed(form["django"], "django"), data


def test_labels_and_values_are_escaped_and_one_option_is_chosen():
    html = str(Form({"quick": "r&d"})["quick"])
    assert '<option value="r&amp;d" selected>Research &lt;and&gt; development</option>' in html
    assert html.count(" selected") == 1


def test_plain_choices_validate_and_render_as_the_list_they_hold():
    for value in ("", "2", "3", "r&d", "no", "4"):
        form = Form({"quick": value, "plain": value})
        form.is_valid()
        assert form.errors.get("plain") == form.errors.get("quick"), value
        assert parsed(form["plain"], "plain") == parsed(form["quick"], "quick"), value
    assert Form({"plain": "no"}).errors["plain"] == [
        "Select a valid choice. no is not one of the available choices."
    ]
