"""Security headers, the deployment checks and HEAD /."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from plenaria.core.middleware import ForwardedHeadersMiddleware
from plenaria.participants.tests.conftest import open_conference, registered  # noqa: F401

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_every_page_gets_a_content_security_policy_without_inline_script():
    response = Client().get(reverse("home"))
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert directives["script-src"] == "'self'" and "default-src" in directives
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


@pytest.mark.django_db
def test_only_pages_get_the_policy_not_images_or_pdfs(registered):  # noqa: F811
    """A PNG or a PDF runs no script; a policy on a PDF can upset the browser's viewer."""
    code = registered[0].code
    assert "Content-Security-Policy" in Client().get(
        reverse("participants:confirmation", args=[code])
    )
    qr = Client().get(reverse("participants:qr", args=[code]))
    assert qr["Content-Type"] == "image/png" and "Content-Security-Policy" not in qr


@pytest.mark.django_db
@override_settings(DEBUG=False, SECURE_HSTS_SECONDS=31536000, SECURE_SSL_REDIRECT=False)
def test_without_debug_the_browser_is_told_https_only_and_no_microphone():
    response = Client().get(reverse("home"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "camera=(self)" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_in_debug_there_is_no_permissions_policy_and_debug_pages_keep_their_inline_styles():
    client = Client()
    assert "Permissions-Policy" not in client.get(reverse("home"))
    missing = client.get("/nao-existe/")
    assert missing.status_code == 404 and "Content-Security-Policy" not in missing


@pytest.mark.django_db
def test_head_on_the_home_page_answers_200():
    response = Client().head("/")
    assert response.status_code == 200 and response.content == b""


def test_forwarded_headers_from_an_untrusted_peer_are_dropped():
    """Otherwise anyone could make a plain request look like HTTPS or pick an address."""
    seen = {}

    def view(request):
        seen.update(request.META)

    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="1.2.3.4", HTTP_X_FORWARDED_PROTO="https"
    )
    ForwardedHeadersMiddleware(view)(request)
    assert "HTTP_X_FORWARDED_FOR" not in seen and "HTTP_X_FORWARDED_PROTO" not in seen
    assert not request.is_secure()


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_a_trusted_proxy_tells_that_the_request_came_over_https():
    request = RequestFactory().get("/", HTTP_X_FORWARDED_PROTO="https")
    ForwardedHeadersMiddleware(lambda request: None)(request)
    assert request.is_secure()


TEMPLATES = [
    path
    for path in ROOT.joinpath("plenaria").rglob("templates/**/*.html")
    if "/pdf/" not in str(path)  # drawn by WeasyPrint, never served to a browser
]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_has_inline_script_style_or_event_handlers(path):
    """What the Content-Security-Policy would refuse: keep scripts and styles in
    static files."""
    html = path.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script>"
    assert "<style" not in html, "<style> element"
    assert not re.search(r"\son[a-z]+\s*=", html), "on* event attribute"
    assert "javascript:" not in html


def test_the_deployment_checks_pass_with_production_settings(tmp_path):
    """`manage.py check --deploy` with the settings of docs/deployment.md."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DEBUG": "0",
        "SECRET_KEY": "x7!Qz" * 12,
        "ALLOWED_HOSTS": "plenaria.example.gov.br",
        "CSRF_TRUSTED_ORIGINS": "https://plenaria.example.gov.br",
        "TRUSTED_PROXIES": "127.0.0.1,::1",
        "SITE_URL": "https://plenaria.example.gov.br",
        "PLENARIA_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
