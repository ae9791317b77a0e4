"""Pure rules of the access limits (no cache, no database): how long to wait after
failures, and the fixed windows the counters live in. The numbers themselves are in
plenaria.core.ratelimit and settings; docs/deployment.md explains them."""

import math

# Beyond this many doublings the cap has long been reached; keeps 2 ** n small.
_MAX_DOUBLINGS = 30


def backoff_delay(failures: int, *, free: int, base: float, cap: float) -> float:
    """Seconds to wait after ``failures`` consecutive failures: nothing for the first
    ``free - 1`` of them, then ``base`` seconds after the ``free``-th, doubling with
    each further failure, never more than ``cap``.

    A growing delay instead of a lock: an honest person who mistypes a few times waits
    seconds, a guesser's rate falls to one try per ``cap``, and nobody is locked out for
    longer than ``cap`` by someone else's failures.
    """
    if failures < free:
        return 0.0
    return float(min(base * 2 ** min(failures - free, _MAX_DOUBLINGS), cap))


def backoff_wait(
    failures: int, last_failure_at: float, now: float, *, free: int, base: float, cap: float
) -> int:
    """Whole seconds still to wait at ``now`` (0: may try), rounded up."""
    delay = backoff_delay(failures, free=free, base=base, cap=cap)
    return max(0, math.ceil(last_failure_at + delay - now))


def window_index(now: float, seconds: int) -> int:
    """The fixed window ``now`` falls in; counters are kept per window and expire with
    it, so no counter needs resetting."""
    return int(now // seconds)


def window_remaining(now: float, seconds: int) -> int:
    """Whole seconds until the window of ``now`` ends (at least 1)."""
    return max(1, math.ceil((window_index(now, seconds) + 1) * seconds - now))


def over_limit(count: int, limit: int) -> bool:
    """True once ``limit`` events were counted: the next one is refused."""
    return count >= limit
