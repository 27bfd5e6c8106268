from oauth2_provider.oauth2_validators import OAuth2Validator

from tests.oidc_provider.models import ExtraClaims


class ClaimsValidator(OAuth2Validator):
    """Every claim goes in the ID token and the userinfo answer, whatever the scope."""

    oidc_claim_scope = None

    def get_additional_claims(self, request):
        user = request.user
        extra = ExtraClaims.objects.filter(user=user).first()
        return {
            "email": user.email,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "name": user.get_full_name(),
            **(extra.claims if extra else {}),
        }
