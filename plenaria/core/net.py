"""Who is asking: the client's address, trusting forwarded addresses only from the
proxies named in TRUSTED_PROXIES.

Anyone can send an ``X-Forwarded-For`` header. Believing it from anyone would let an
attacker pick a new address for every request and walk past every per-address limit,
so the header counts only when the connection comes from a configured proxy, and then
only the hops that proxy (and the trusted proxies before it) vouch for. Every limit and
log that needs an address calls :func:`client_address`.
"""

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def parse_networks(items: Iterable[str]) -> tuple[Network, ...]:
    """``["10.0.0.5", "192.168.0.0/16", "::1"]`` as networks; ValueError on a typo, so a
    wrong TRUSTED_PROXIES stops the server at start instead of trusting nothing (or
    everything) in silence."""
    return tuple(ipaddress.ip_network(item.strip(), strict=False) for item in items)


@lru_cache(maxsize=8)
def _networks(items: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(items)


def _address(text: str) -> Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "203.0.113.7:51234"
        text = text.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def client_from(remote: str, forwarded: str, proxies: Iterable[Network]) -> str:
    """The client's address: ``remote`` (the connection's peer) unless it is a trusted
    proxy; then the rightmost address of ``forwarded`` (X-Forwarded-For) that is not a
    trusted proxy. Hops further left were written by whoever sent the request and prove
    nothing. A garbled hop stops the walk at the last address a proxy vouched for."""
    proxies = tuple(proxies)

    def trusted(address: Address) -> bool:
        return any(address in network for network in proxies)

    peer = _address(remote)
    if peer is None:
        return remote.strip()
    if not trusted(peer):
        return str(peer)
    current = peer
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:
            break
        current = address
        if not trusted(address):
            break
    return str(current)


def client_address(request) -> str:
    """The address of the person behind ``request`` (see the module's docstring)."""
    return client_from(
        request.META.get("REMOTE_ADDR", ""),
        request.META.get("HTTP_X_FORWARDED_FOR", ""),
        _networks(tuple(settings.TRUSTED_PROXIES)),
    )


def is_trusted_proxy(remote: str) -> bool:
    address = _address(remote)
    return address is not None and any(
        address in network for network in _networks(tuple(settings.TRUSTED_PROXIES))
    )


def address_bucket(address: str) -> str:
    """What a per-address limit counts: the address, or for IPv6 its /64 network. One
    IPv6 subscriber usually holds a whole /64 and could otherwise change address at
    every request."""
    parsed = _address(address)
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed) if parsed is not None else address
