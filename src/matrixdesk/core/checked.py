"""Checks on each value read from a pack, as rows become view data.

SQLite lets any column hold any type, so a pack that was made by something other than our writer,
or altered and sealed again, can hold a number where text belongs, a link scheme the app would act
on, or an unknown study type. The reader checks every value it uses here, once, so nothing past
the store ever meets one: `PackValueError` becomes the store's "damaged pack" refusal.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TypeGuard, TypeVar

from matrixdesk.core.addresses import SLUG_PATTERN

_SLUG = re.compile(rf"^{SLUG_PATTERN}$")
WEB_SCHEMES = ("http://", "https://")

T = TypeVar("T")


class PackValueError(Exception):
    """A value read from a pack is not one the pack format allows; the message says which."""


def text(value: object, what: str) -> str:
    if isinstance(value, str):
        return value
    raise PackValueError(f"{what} is not text")


def optional_text(value: object, what: str) -> str | None:
    return None if value is None else text(value, what)


def slug(value: object, what: str) -> str:
    if isinstance(value, str) and _SLUG.match(value):
        return value
    raise PackValueError(f"{what} is not a valid slug")


def optional_slug(value: object, what: str) -> str | None:
    return None if value is None else slug(value, what)


def is_web_address(value: object) -> TypeGuard[str]:
    """An http(s) address, the only kind the app offers to open in a browser (never `file:`,
    `javascript:` or the app's own `action:` links)."""
    return (
        isinstance(value, str)
        and value.startswith(WEB_SCHEMES)
        and not any(char.isspace() for char in value)
    )


def web_address(value: object, what: str) -> str:
    if is_web_address(value):
        return value
    raise PackValueError(f"{what} is not a web address")


def optional_web_address(value: object, what: str) -> str | None:
    return None if value is None else web_address(value, what)


def one_of(value: object, allowed: Collection[T], what: str) -> T:
    if value in allowed:
        return value  # type: ignore[return-value]
    raise PackValueError(f"{what} is not one this version knows")


def integer(value: object, what: str) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise PackValueError(f"{what} is not a whole number")
