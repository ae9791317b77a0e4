"""Weight and speed (issue 21, item 13): pages and data go gzipped when the browser
accepts it (core.middleware.CompressMiddleware), the live stream and binary files do
not; no Font Awesome, only the icons the pages use, drawn inline."""

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.template import Context, Template
from django.urls import reverse

from plenaria.conftest import client_for
from plenaria.core.middleware import CompressMiddleware
from plenaria.core.templatetags.plenaria import ICONS

GZIP = {"Accept-Encoding": "gzip, deflate, br"}


@pytest.mark.django_db
def test_a_page_is_gzipped_when_the_browser_accepts_it(state_member):
    client = client_for(state_member)
    url = reverse("reports:state", args=["mg"])
    plain = client.get(url)
    assert plain.status_code == 200 and not plain.has_header("Content-Encoding")
    packed = client.get(url, headers=GZIP)
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    html = gzip.decompress(packed.content).decode()
    assert "Abaeté" in html and html.count("<tr") == plain.content.decode().count("<tr")
    # A page of the state's municipalities: several times smaller on the wire.
    assert len(packed.content) * 4 < len(plain.content)


@pytest.mark.parametrize(
    "content_type, compressed",
    [
        ("application/json", True),
        ("text/csv; charset=utf-8", True),
        ("text/event-stream", False),
        ("application/pdf", False),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
        ("image/png", False),
    ],
)
def test_what_is_compressed_by_its_type(rf, content_type, compressed):
    body = '{"municipio": "Janaúba"}'.encode() * 200

    def view(request):
        return HttpResponse(body, content_type=content_type)

    response = CompressMiddleware(view)(rf.get("/", headers=GZIP))
    assert response.has_header("Content-Encoding") is compressed
    if compressed:
        assert gzip.decompress(response.content) == body


def test_the_live_stream_is_never_compressed(rf):
    def view(request):
        return StreamingHttpResponse(iter([b"data: {}\n\n"] * 50), content_type="text/event-stream")

    response = CompressMiddleware(view)(rf.get("/", headers=GZIP))
    assert not response.has_header("Content-Encoding")
    assert next(iter(response.streaming_content)) == b"data: {}\n\n"


@pytest.mark.django_db
def test_the_base_template_has_no_font_awesome(client):
    html = client.get(reverse("home")).content.decode()
    assert "fontawesome" not in html and "fa-user" not in html
    sign_in = re.search(r'<a class="br-sign-in[^"]*"[^>]*>(.*?)</a>', html, re.S).group(1)
    assert '<svg class="plenaria-icon"' in sign_in and 'aria-hidden="true"' in sign_in
    assert not any(
        "fontawesome" in str(source[1] if isinstance(source, tuple) else source)
        for source in settings.STATICFILES_DIRS
    )


def _icons_in_templates() -> set[str]:
    root = Path(settings.BASE_DIR) / "plenaria"
    used = set()
    for path in root.rglob("*.html"):
        used |= set(re.findall(r"""{%\s*icon\s+["']([\w-]+)["']\s*%}""", path.read_text()))
    return used


def test_every_icon_the_templates_use_renders():
    used = _icons_in_templates()
    assert "user" in used
    assert used <= set(ICONS), f"icons used but not drawn: {used - set(ICONS)}"
    for name in used:
        svg = Template('{% load plenaria %}{% icon "' + name + '" %}').render(Context())
        assert svg.startswith('<svg class="plenaria-icon" viewBox="')
        assert '<path fill="currentColor" d="M' in svg and svg.endswith("</svg>")
