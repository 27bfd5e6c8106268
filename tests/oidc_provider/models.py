from django.conf import settings
from django.db import models


class ExtraClaims(models.Model):
    """What the provider says about a person besides their account: groups, job, department."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    claims = models.JSONField(default=dict)

    def __str__(self):
        return f"claims of {self.user}"
