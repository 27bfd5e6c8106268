"""The "Was this page helpful?" box that guide and community pages include."""

from django import template

from insights import services
from insights.forms import HelpfulForm

register = template.Library()


@register.inclusion_tag("insights/feedback_helpful.html", takes_context=True)
def helpful_box(context, page):
    """One query: the reader's own answer, so they see it and can change it. Nothing on a
    page that takes no answers: one behind a restriction, whose answers the insights
    readers, who may not read it, would see."""
    if not services.takes_helpful_votes(page):
        return {"takes_votes": False}
    return {
        "takes_votes": True,
        "page": page,
        "answer": services.helpful_answer_of(context["request"].user, page),
        # For its label and limit: the box writes its fields out itself, so
        # no form is built (a form copies its fields, on every page).
        "comment_field": HelpfulForm.base_fields["comment"],
    }
