from django.conf import settings


def site_name(request):
    """The intranet's name, for the header and the title of every page."""
    return {"SITE_NAME": settings.WAGTAIL_SITE_NAME}
