"""`{% site_header %}`: the header every page carries (`intranet.header`)."""

from django import template

from intranet import header

register = template.Library()


@register.simple_tag(takes_context=True)
def site_header(context):
    return header.site_header(context)
