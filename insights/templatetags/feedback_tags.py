"""The "Was this page helpful?" box that guide and community pages include."""

from django import template

from insights import helpful_box as box
from insights import services

register = template.Library()


@register.simple_tag(takes_context=True)
def helpful_box(context, page):
    """One query: the reader's own answer, so they see it and can change it."""
    answer = services.helpful_answer_of(context["request"].user, page)
    return box.helpful_box(page, answer, str(context.get("csrf_token") or ""))
