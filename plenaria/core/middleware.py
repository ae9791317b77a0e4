import logging

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.template import loader
from django.utils import translation

from plenaria.core.net import is_trusted_proxy

log = logging.getLogger(__name__)


class LanguageMiddleware:
    """pt-BR for everyone; another language only when the person chose it.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show
    English to a council employee whose computer happens to be set up in English.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class SyncStack:
    """Last in MIDDLEWARE, sync only: it keeps the whole middleware stack in sync mode
    under ASGI. Django's own middleware would otherwise run in async mode and move every
    process_request/process_response to a thread and back, a dozen thread hops per
    request; now the stack runs in one thread and only the view hops — ballots went from
    ~205 to ~290 per second (bench/vote_load.py). Async views (the live stream) still
    run on the event loop."""

    sync_capable = True
    async_capable = False

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)


class ForwardedHeadersMiddleware:
    """First in MIDDLEWARE: the proxy headers (X-Forwarded-For, -Proto, -Host) count only
    when the connection comes from one of TRUSTED_PROXIES; from anyone else they are
    dropped, so nobody makes a plain-HTTP request look secure (SECURE_PROXY_SSL_HEADER)
    or picks their own address (core.net.client_address)."""

    HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            for header in self.HEADERS:
                request.META.pop(header, None)
        return self.get_response(request)


class CompressMiddleware(GZipMiddleware):
    """Gzip the pages and data the application writes (HTML, JSON, CSV, text) when the
    browser accepts it: the state's monitoring page (853 municipalities) goes from
    176 KB to 13 KB.

    Placed after WhiteNoise, so static files never pass here: WhiteNoise serves their
    own precompressed copies (.br, .gz from collectstatic).

    Not compressed: the live stream (text/event-stream), which gzip would hold back
    until a buffer fills, so a poll's change would reach the hall late or never; and
    files that are compressed already or binary (PDF, XLSX, PNG, ZIP).

    BREACH (Django's GZipMiddleware docs): a page that reflects what the visitor sent
    beside a secret may leak the secret through the compressed length. Our secrets on
    pages are the CSRF token, which Django masks anew on every response (a different
    string each time, so its compressed length says nothing), and nothing else: PINs are
    never on a page that echoes input (the slip is only for the desk). Django's
    GZipMiddleware also adds random bytes to each response ("Heal the Breach")."""

    COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")
    NEVER = ("text/event-stream",)

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if content_type.startswith(self.NEVER) or not content_type.startswith(self.COMPRESSIBLE):
            return response
        return super().process_response(request, response)


class SecurityHeadersMiddleware:
    """Content-Security-Policy on every page; Permissions-Policy when DEBUG is off
    (Strict-Transport-Security comes from Django's SecurityMiddleware, SECURE_HSTS_*).

    The policy goes on what a browser renders as a page (HTML, SVG); PDFs, spreadsheets
    and JSON run no script, and a policy on a PDF can upset the browser's viewer. In
    DEBUG, Django's own error pages (technical 404 and 500) use inline styles and
    scripts: they get no policy."""

    PAGES = ("text/html", "image/svg+xml")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        debug_page = settings.DEBUG and (response.status_code == 404 or response.status_code >= 500)
        page = response.get("Content-Type", "").startswith(self.PAGES)
        if settings.CONTENT_SECURITY_POLICY and page and not debug_page:
            response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        if not settings.DEBUG and settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def database_busy(error: BaseException | None) -> bool:
    """The database could not be had in time: SQLite's write lock held by a long write
    ("database is locked" after the connection's timeout), or no free connection in
    the PostgreSQL pool. Worth a retry, not a bug."""
    if not isinstance(error, OperationalError):
        return False
    message = str(error).lower()
    if "database is locked" in message or "database table is locked" in message:
        return True
    cause = error.__cause__
    return cause is not None and type(cause).__name__ == "PoolTimeout"


RETRY_AFTER = 10  # seconds


def database_busy_response() -> HttpResponse:
    """The 'try again in a moment' page: status 503 with Retry-After. Rendered without
    the request's context processors, which would ask the busy database again."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    return response


class DatabaseBusyMiddleware:
    """A view that could not get the database answers 503 "try again in a moment", not
    500. Errors raised outside views (e.g. saving the session) reach the same page
    through handler500 (core.views.server_error)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if database_busy(exception):
            log.warning("database busy: %s %s: %s", request.method, request.path, exception)
            return database_busy_response()
        return None
