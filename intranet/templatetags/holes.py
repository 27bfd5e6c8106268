"""`{% hole "name" argument %}`: a hole in HTML rendered for every reader (`intranet.holes`).

The template is rendered with `holes` in its context; each request fills the
holes in with what is that reader's own.
"""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def hole(context, name: str, *args) -> str:
    return context["holes"].mark(name, *args)
