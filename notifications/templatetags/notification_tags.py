from django import template

from notifications import services

register = template.Library()


@register.inclusion_tag("notifications/includes/follow_button.html", takes_context=True)
def follow_page_button(context, page):
    """Follow or unfollow a discussion: one query, for the button's state."""
    request = context["request"]
    return {
        "action": "notifications:follow-page",
        "target": page.pk,
        "following": services.follows_page(request.user, page),
        "next": request.get_full_path(),
        "subject": page.title,
    }


@register.inclusion_tag("notifications/includes/follow_button.html", takes_context=True)
def follow_person_button(context, person, name):
    request = context["request"]
    if person.pk == request.user.pk:
        return {}
    return {
        "action": "notifications:follow-person",
        "target": person.get_username(),
        "following": services.follows_person(request.user, person),
        "next": request.get_full_path(),
        "subject": name,
    }
