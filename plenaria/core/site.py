"""The public address of the site: every link that leaves a request (PDFs, e-mails, QR
codes, background jobs) is built here from ``settings.SITE_URL``, never from the request
(a job has none, and a request behind a proxy may name an internal host).

A deployment that forgets SITE_URL would print ``127.0.0.1:8000`` on every certificate:
the system check below warns at start (``plenaria.W002``)."""

import ipaddress
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core import checks
from django.urls import reverse


def site_url(path: str = "") -> str:
    """``SITE_URL`` followed by ``path`` (an absolute path, as ``reverse`` gives)."""
    base = settings.SITE_URL.rstrip("/")
    if path and not path.startswith("/"):
        path = "/" + path
    return base + path


def absolute_url(viewname: str, *, args=None, kwargs=None, query: dict | None = None) -> str:
    """The public address of a named URL, with an optional query string."""
    url = site_url(reverse(viewname, args=args, kwargs=kwargs))
    if query:
        url += "?" + urlencode(query)
    return url


def is_local_address(url: str) -> bool:
    """Whether the address only works on the machine that serves it (loopback or the
    unspecified address), or names no host at all."""
    host = (urlsplit(url).hostname or "").strip().lower()
    if not host or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


@checks.register(checks.Tags.compatibility)
def site_url_is_public(app_configs=None, **kwargs):
    """With DEBUG off, a SITE_URL left at its default (or any loopback address) means
    every certificate, badge slip and e-mail links to a page nobody can open."""
    if settings.DEBUG or not is_local_address(settings.SITE_URL):
        return []
    return [
        checks.Warning(
            f"SITE_URL is {settings.SITE_URL!r}: certificates, PIN slips and e-mails will "
            "link to an address that only works on this machine.",
            hint="Set SITE_URL to the public address, e.g. https://plenaria.example.gov.br.",
            id="plenaria.W002",
        )
    ]
