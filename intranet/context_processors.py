from django.conf import settings

from intranet.caching import LIFETIME, Stamps


def site_name(request):
    """The intranet's name, for the header and the title of every page."""
    return {"SITE_NAME": settings.WAGTAIL_SITE_NAME}


def fragment_cache(request):
    """What templates key cached fragments on: the data's stamps, and the one lifetime."""
    return {"changed": Stamps(), "cache_lifetime": LIFETIME}
