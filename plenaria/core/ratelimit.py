"""Limits against guessing and flooding, counted in the shared cache (CACHES: the
database cache, or Redis by CACHE_URL), so they hold across server processes and
restarts.

Two kinds:

- :class:`Window`: at most N events per subject in each fixed window (registrations
  per address per hour, failed logins per username per 15 minutes...). Simple to
  explain ("try again in 12 minutes") and cheap: one counter per subject and window.
- :class:`Backoff`: a delay that doubles with each failure after a few free ones (the
  PIN of a registration code). It slows a guesser to one try per ``cap`` seconds
  without ever locking the honest owner out for longer than that.

Subjects (addresses, usernames, codes) are stored only as keyed hashes. Counters are
read-then-written: on Redis ``incr`` is atomic; on the database cache two processes
may both count the same number, which can let a few extra tries through (at most one
per server process at a time, since Django runs sync views one at a time per process),
never lock anyone out wrongly.

The limits in use are the constants at the end of this module.
"""

import contextlib
import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.http import HttpResponse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from plenaria.core import rules
from plenaria.core.net import address_bucket

log = logging.getLogger("plenaria.limits")


def clock() -> float:
    """The time the limits see (tests move it)."""
    return time.time()


def _key(name: str, subject: str, *parts: object) -> str:
    digest = salted_hmac("plenaria.core.ratelimit", f"{name}\x00{subject}").hexdigest()
    return ":".join(["limit", name, *(str(part) for part in parts), digest])


def _writing():
    """A limit's writes in one transaction when the cache is the database. The database
    cache drops a write that failed (a locked SQLite) in silence, and each write would
    wait for the lock on its own: a failed PIN would be forgotten after 10 s. In one
    transaction the lock is taken once, or not at all: then the request gets the "try
    again in a moment" page (core.middleware.DatabaseBusyMiddleware)."""
    backend = caches["default"]
    if isinstance(backend, DatabaseCache):
        return transaction.atomic(using=router.db_for_write(backend.cache_model_class))
    return contextlib.nullcontext()


class Throttled(ValidationError):
    """A request refused by a limit; ``retry_after`` is in seconds (the Retry-After
    header of a 429 answer)."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message, code="throttled")
        self.retry_after = max(1, int(retry_after))


def describe_wait(seconds: int) -> str:
    """'40 segundos', '3 minutos': how long, for a message."""
    if seconds < 60:
        return ngettext("%(n)d second", "%(n)d seconds", seconds) % {"n": seconds}
    minutes = math.ceil(seconds / 60)
    return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}


@dataclass(frozen=True)
class Window:
    """At most ``limit`` events per subject in each fixed window of ``seconds``; the
    limit is read from the setting named ``setting`` (deployments tune it)."""

    name: str
    setting: str
    seconds: int

    @property
    def limit(self) -> int:
        return int(getattr(settings, self.setting))

    def _key(self, subject: str, now: float) -> str:
        return _key(self.name, subject, rules.window_index(now, self.seconds))

    def count(self, subject: str) -> int:
        return int(cache.get(self._key(subject, clock()), 0))

    def blocked(self, subject: str) -> int:
        """Seconds until ``subject`` may act again; 0 when it may now."""
        now = clock()
        if rules.over_limit(int(cache.get(self._key(subject, now), 0)), self.limit):
            return rules.window_remaining(now, self.seconds)
        return 0

    def hit(self, subject: str) -> int:
        """Count one event; returns the count in this window."""
        key = self._key(subject, clock())
        with _writing():
            cache.add(key, 0, self.seconds + 1)
            try:
                count = cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, self.seconds + 1)
                count = 1
        if count == self.limit:
            log.warning("limit %s reached by %s", self.name, subject)
        return count

    def reset(self, subject: str) -> None:
        with _writing():
            cache.delete(self._key(subject, clock()))


@dataclass(frozen=True)
class Backoff:
    """A delay after consecutive failures (rules.backoff_delay); failures are forgotten
    ``memory`` seconds after the last one, on success and when staff reset them."""

    name: str
    free: int
    base: float
    cap: float
    memory: int

    def _state(self, subject: str) -> tuple[int, float]:
        state = cache.get(_key(self.name, subject))
        return (state["n"], state["at"]) if state else (0, 0.0)

    def failures(self, subject: str) -> int:
        return self._state(subject)[0]

    def wait(self, subject: str) -> int:
        """Seconds ``subject`` must still wait; 0 when it may try now."""
        failures, last = self._state(subject)
        return rules.backoff_wait(
            failures, last, clock(), free=self.free, base=self.base, cap=self.cap
        )

    def fail(self, subject: str) -> int:
        """Count one failure; returns the number of consecutive failures."""
        with _writing():
            failures = self.failures(subject) + 1
            cache.set(_key(self.name, subject), {"n": failures, "at": clock()}, self.memory)
        if failures == self.free:
            log.warning("limit %s: delays start for %s", self.name, subject)
        return failures

    def reset(self, subject: str) -> int:
        """Forget the failures; returns how many there were."""
        failures = self.failures(subject)
        if failures:
            with _writing():
                cache.delete(_key(self.name, subject))
        return failures


@dataclass(frozen=True)
class Era:
    """A number that staff move on to start a subject's counters afresh: the keys of
    those counters include it (the desk cannot name every network a code was tried
    from, but it can make all their counters old at once)."""

    name: str
    seconds: int

    def of(self, subject: str) -> int:
        return int(cache.get(_key(self.name, subject), 0))

    def next(self, subject: str) -> None:
        with _writing():
            cache.set(_key(self.name, subject), self.of(subject) + 1, self.seconds)


MINUTE = 60
HOUR = 60 * MINUTE

# The PIN of a registration code (6 digits), counted per code *and* network (address
# bucket): the first 4 failures cost nothing; from the 5th on that network waits 2 s,
# 4 s, 8 s... up to 5 minutes between tries of the code. A guesser gets at most 288
# tries a day from one network (a million PINs: years), and someone who read a badge
# and types wrong PINs from elsewhere slows only themself, not the owner on their phone.
PIN_CODE = Backoff("pin-code", free=5, base=2, cap=5 * MINUTE, memory=24 * HOUR)
# All networks together: beyond this many wrong PINs a day the code waits for the
# check-in desk (an attack from many networks at once).
PIN_CODE_DAY = Window("pin-code-day", "PIN_FAILURES_PER_CODE", 24 * HOUR)
# The desk's unlock moves the code's era on: every network's delay starts afresh.
PIN_ERA = Era("pin-era", 48 * HOUR)
# Wrong PINs from one address (any code): high, since a venue's Wi-Fi puts a whole hall
# behind one address; it stops one machine from trying many codes.
PIN_ADDRESS = Window("pin-address", "PIN_FAILURES_PER_ADDRESS", 15 * MINUTE)
# Staff sign-in: failed passwords per username and per address. While either is over
# its limit even the right password is refused.
LOGIN_USERNAME = Window("login-username", "LOGIN_FAILURES_PER_USERNAME", 15 * MINUTE)  # per network
LOGIN_USERNAME_ALL = Window("login-username-all", "LOGIN_FAILURES_PER_USERNAME_ALL", 15 * MINUTE)
LOGIN_ADDRESS = Window("login-address", "LOGIN_FAILURES_PER_ADDRESS", 15 * MINUTE)
# Public registrations (each sends an e-mail) per address.
REGISTRATION_ADDRESS = Window("registration-address", "REGISTRATIONS_PER_ADDRESS", HOUR)


def take(window: Window, address: str) -> None:
    """Count one event of ``address`` against ``window``, or raise Throttled (with a
    pt-BR message) when the address already used up the window."""
    subject = address_bucket(address)
    wait = window.blocked(subject)
    if wait:
        raise Throttled(
            _("Too many attempts from this network. Try again in %(wait)s.")
            % {"wait": describe_wait(wait)},
            retry_after=wait,
        )
    window.hit(subject)


def answer(response: HttpResponse, throttled: Throttled | None) -> HttpResponse:
    """``response`` as a 429 with Retry-After when the request was throttled."""
    if throttled is not None:
        response.status_code = 429
        response["Retry-After"] = str(throttled.retry_after)
    return response
