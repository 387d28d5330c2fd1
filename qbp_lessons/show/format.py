"""Numbers as a reader reads them: ``1,000``, ``3×10⁶``, ``16 KiB``, ``4.2 ms``.

Introduced in chapter 1.
"""

from __future__ import annotations

import math


from qbp_lessons._validate import bounded_int, positive_real, real

__all__ = ["format_number", "decade_above", "format_bytes", "format_seconds"]


_SUPERSCRIPT = str.maketrans(
    "-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
)


def format_number(x: float, digits: int = 2) -> str:
    """Format a positive number for a reader: ``1,000``, ``3×10⁶``, ``4.2×10¹³``.

    Whole numbers below 10^5 print in full; larger ones in scientific notation
    with Unicode superscripts, so the string reads the same in HTML, alt text and
    a terminal.
    """
    x = real("x", x)
    digits = bounded_int("digits", digits, maximum=17)  # a float has 17 significant digits
    if abs(x) < 1e-300:  # zero, or too small for 10**exponent below
        return "0" if x == 0 else f"{x:.{digits}g}"
    if abs(x) < 1e5 and (x == round(x) or abs(x) >= 100):
        return f"{round(x):,}"
    if 1e-3 <= abs(x) < 1e5:
        return f"{x:.{digits}g}"
    exponent = int(math.floor(math.log10(abs(x))))
    mantissa = x / 10**exponent
    if round(mantissa, digits - 1) >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    power = "10" + str(exponent).translate(_SUPERSCRIPT)
    if abs(mantissa - 1) < 0.5 * 10 ** (1 - digits):
        return power
    return f"{mantissa:.{digits - 1}f}\u00d7{power}"


def decade_above(x: float, floor: float = 1e-16) -> float:
    """The power of ten just above ``|x|`` (at least ``floor``): ``3.5e-16 -> 1e-15``.

    The chapters state agreement between two routes as "below 1e-15", which stays
    true and prints the same when a rerun changes the last digits of the error.
    """
    x = real("x", x)
    floor = positive_real("floor", floor)
    return 10.0 ** math.ceil(math.log10(max(abs(x), floor)))


_BINARY_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB")


def format_bytes(nbytes) -> str:
    """Format a byte count in binary units: ``16 KiB``, ``1.5 GiB``, ``16 PiB``.

    Three significant digits at most; whole numbers print without decimals.
    Introduced in chapter 2.
    """
    value = positive_real("nbytes", nbytes, allow_zero=True)
    if value != round(value):
        raise ValueError(f"nbytes must be a whole number of bytes, got {nbytes!r}")
    unit = 0
    while value >= 1024 and unit < len(_BINARY_UNITS) - 1:
        value /= 1024
        unit += 1
    text = f"{value:.0f}" if value == round(value) or value >= 100 else f"{value:.3g}"
    return f"{text} {_BINARY_UNITS[unit]}"


def format_seconds(t: float) -> str:
    """Format a duration for a reader: ``4.2 ms``, ``1.3 s``."""
    t = positive_real("t", t, allow_zero=True)
    if t >= 1:
        return f"{t:,.3g} s" if t < 1000 else f"{format_number(t)} s"
    return f"{t * 1e3:.3g} ms"
