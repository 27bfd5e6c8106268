from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProviderIdentity(models.Model):
    """Who a person is at the identity provider, recorded at their first sign-in through it.

    Later sign-ins find the account by the provider's subject, which never
    changes, rather than by an email address, which can.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="provider_identity",
        verbose_name=_("person"),
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255)
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("identity at the provider")
        verbose_name_plural = _("identities at the provider")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_unique")
        ]

    def __str__(self):
        return f"{self.subject} at {self.issuer}"


class ProvisionedAccount(models.Model):
    """How the provisioning client (SCIM) names a person: its userName and externalId.

    The intranet's own user name, which its addresses use, stays as it was.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="provisioned_account",
        verbose_name=_("person"),
    )
    user_name = models.CharField(_("user name at the provider"), max_length=255, unique=True)
    external_id = models.CharField(_("id at the provider"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("provisioned account")
        verbose_name_plural = _("provisioned accounts")

    def __str__(self):
        return self.user_name
