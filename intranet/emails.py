"""What every email the intranet sends shares."""

from django.template import Context, Engine


def render_subject(template_name: str, context: dict) -> str:
    """An email subject from a template: plain text on one line.

    A subject is not HTML: rendered without autoescaping, "Leave & holidays:
    what's new" stays as written rather than "Leave &amp; holidays: what&#x27;s
    new". Newlines, which no mail header may hold, become single spaces.
    """
    # The project's template engine, with its loaders and libraries
    # (https://docs.djangoproject.com/en/5.2/ref/templates/api/#django.template.Engine.get_default).
    template = Engine.get_default().get_template(template_name)
    return " ".join(template.render(Context(context, autoescape=False)).split())
