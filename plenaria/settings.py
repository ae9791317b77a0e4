"""Settings of Plenária, driven by environment variables.

Every setting has a default that works on a laptop: SQLite under var/, DEBUG on.
Production sets SECRET_KEY, DEBUG=0, ALLOWED_HOSTS and DATABASE_URL (PostgreSQL).
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from plenaria.core.env import env_bool, env_cache, env_database, env_int, env_list, env_str
from plenaria.core.net import parse_networks

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PLENARIA_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me" if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "plenaria.core",
    "plenaria.territory",
    "plenaria.editions",
    "plenaria.conferences",
    "plenaria.participants",
    "plenaria.proposals",
    "plenaria.voting",
    "plenaria.delegates",
    "plenaria.evaluation",
    "plenaria.records",
    "plenaria.reports",
    "plenaria.demo",
]

MIDDLEWARE = [
    "plenaria.core.middleware.ForwardedHeadersMiddleware",  # before anything reads them
    "django.middleware.security.SecurityMiddleware",
    "plenaria.core.middleware.SecurityHeadersMiddleware",
    "plenaria.core.middleware.DatabaseBusyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files come precompressed), before anything that writes
    # the body; never the live stream (its docstring, BREACH included).
    "plenaria.core.middleware.CompressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "plenaria.core.middleware.LanguageMiddleware",
    "plenaria.core.request_checks.RefuseNulCharacters",  # after the language: its message
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "plenaria.core.middleware.SyncStack",  # last: see its docstring
]

ROOT_URLCONF = "plenaria.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "plenaria" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "plenaria.territory.context_processors.scope",
            ],
        },
    },
]

WSGI_APPLICATION = "plenaria.wsgi.application"
ASGI_APPLICATION = "plenaria.asgi.application"

DATABASES = {"default": env_database("DATABASE_URL", VAR_DIR / "plenaria.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every server process: rate limits must hold across processes and restarts.
# The database cache by default (`make migrate` runs createcachetable), Redis with
# CACHE_URL=redis://host:6379/0 (needs the `redis` package).
CACHES = {"default": env_cache("CACHE_URL", "plenaria_cache")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Staff sign in to work: their conferences, monitoring and councils, not the public home.
LOGIN_REDIRECT_URL = "conferences:dashboard"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "pt-br"
LANGUAGES = [("pt-br", _("Portuguese (Brazil)")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "America/Sao_Paulo")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end packages come from npm and are served straight from node_modules:
# no bundler, only the files the pages use are collected.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "plenaria" / "static",
    ("vendor/govbr-ds", NODE_MODULES / "@govbr-ds" / "core" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/raleway", NODE_MODULES / "@fontsource" / "raleway"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            # Names carry a hash of the content (core.min.<hash>.css), so WhiteNoise
            # serves them with a year's max-age and "immutable", each also as .br/.gz
            # made once by collectstatic; a new release changes the names. Needs
            # `collectstatic` (docs/deployment.md), as the plain storage did.
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
# Convocation acts are PDFs of a few pages; 10 MB leaves room for scans.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024

# Registering pre-conference attendees posts three fields per person (ticked, category,
# segment) for up to 5,000 people (participants.event_views.MAX_CHOICES): Django's
# default of 1,000 fields would refuse a list of 334 with a bare "Bad Request".
DATA_UPLOAD_MAX_NUMBER_FIELDS = 16_000

# The public address: every link in documents, QR codes and e-mails (core.site). The
# default suits `make run` only; with DEBUG off a loopback one is warned (plenaria.W002).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Every e-mail goes through the task queue (core.mail): the request only writes it down,
# the worker sends it with PLENARIA_EMAIL_BACKEND, which waits at most EMAIL_TIMEOUT.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "plenaria.core.mail.QueuedEmailBackend")
PLENARIA_EMAIL_BACKEND = env_str(
    "PLENARIA_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Plenária <nao-responda@plenaria.local>")

# --- background work (core.jobs, core.mail; docs/architecture.md, Background jobs) ----
# Tasks wait in the database until `manage.py db_worker` runs them: no other server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A finished job's file is deleted this many hours after it was made.
JOB_FILE_HOURS = env_int("JOB_FILE_HOURS", 24)
# A running job that reported no progress for this many minutes lost its worker (killed
# or restarted mid-task): it is shown as failed, and its owner runs it again.
JOB_STALE_MINUTES = env_int("JOB_STALE_MINUTES", 15)

SESSION_ENGINE = "plenaria.core.sessions"  # the database backend, read without the ORM
# Messages live in the session, on the server: some carry personal data (the desk says a
# person's accessibility needs), which the default would put in a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG

# --- behind a proxy, and the headers the browser gets ---------------------------------
# Addresses (or CIDR networks) of the reverse proxies in front of the application, e.g.
# TRUSTED_PROXIES=127.0.0.1,::1 for nginx on the same machine. Only their
# X-Forwarded-For / X-Forwarded-Proto are believed (core.net, core.middleware); from
# anyone else those headers are dropped. Empty: no proxy, the peer is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
try:
    parse_networks(TRUSTED_PROXIES)
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# core.middleware.SecurityHeadersMiddleware. No inline script anywhere; inline style
# attributes only (bar widths computed from data), never <style> elements. The camera
# reads QR codes at the check-in desk.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(self), microphone=(), geolocation=(), payment=(), usb=()"

# --- limits against guessing and flooding (core.ratelimit, docs/deployment.md) --------
# The per-address numbers are high on purpose: a venue's Wi-Fi puts a whole hall behind
# one address. Raise them for a very large hall rather than lower them.
PIN_FAILURES_PER_ADDRESS = env_int("PIN_FAILURES_PER_ADDRESS", 100)  # per 15 minutes
PIN_FAILURES_PER_CODE = env_int("PIN_FAILURES_PER_CODE", 1000)  # per day, all networks
# per 15 minutes: a username from one network, and from all networks together
LOGIN_FAILURES_PER_USERNAME = env_int("LOGIN_FAILURES_PER_USERNAME", 10)
LOGIN_FAILURES_PER_USERNAME_ALL = env_int("LOGIN_FAILURES_PER_USERNAME_ALL", 100)
LOGIN_FAILURES_PER_ADDRESS = env_int("LOGIN_FAILURES_PER_ADDRESS", 50)  # per 15 minutes
REGISTRATIONS_PER_ADDRESS = env_int("REGISTRATIONS_PER_ADDRESS", 20)  # per hour
# Open live streams (server-sent events) per server process. Per session: a phone's
# page and a spare tab. Per person (account or registration code, whatever the number
# of sessions it signs in): two devices. Per address: a whole hall behind the venue's
# Wi-Fi (DESIGN.md's target is 2,000 phones), so only a backstop. Over any of them the
# page polls the state every 2 s instead.
LIVE_STREAMS_PER_SESSION = env_int("LIVE_STREAMS_PER_SESSION", 3)
LIVE_STREAMS_PER_PERSON = env_int("LIVE_STREAMS_PER_PERSON", 6)
LIVE_STREAMS_PER_ADDRESS = env_int("LIVE_STREAMS_PER_ADDRESS", 2500)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
