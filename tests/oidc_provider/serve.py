"""Start the test provider: `python -m tests.oidc_provider.serve` with PROVIDER_CONFIG set.

PROVIDER_CONFIG is JSON: the data folder, the client's id and secret, and the
addresses it may send people back to. The server takes a free port on
127.0.0.1, makes an RSA signing key, creates its database and the client, then
prints its issuer on one line and serves until it is stopped.
"""

import json
import os
import secrets
import sys
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def signing_key() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def main() -> None:
    config = json.loads(os.environ["PROVIDER_CONFIG"])
    data_dir = Path(config["data_dir"])
    server = make_server("127.0.0.1", 0, lambda environ, start: [], ThreadingServer, QuietHandler)
    issuer = f"http://127.0.0.1:{server.server_port}/o"
    (data_dir / "signing-key.pem").write_text(signing_key())
    os.environ.update(
        DJANGO_SETTINGS_MODULE="tests.oidc_provider.settings",
        PROVIDER_DATA_DIR=str(data_dir),
        PROVIDER_ISSUER=issuer,
        PROVIDER_SECRET_KEY=secrets.token_urlsafe(32),
        PROVIDER_ADMIN_TOKEN=config["admin_token"],
    )

    import django

    django.setup()

    from oauth2_provider.models import Application

    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application

    call_command("migrate", run_syncdb=True, verbosity=0)
    Application.objects.create(
        name="Intranet",
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(config["redirect_uris"]),
        post_logout_redirect_uris=" ".join(config["post_logout_redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server.set_app(get_wsgi_application())
    sys.stdout.write(json.dumps({"issuer": issuer}) + "\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main()
