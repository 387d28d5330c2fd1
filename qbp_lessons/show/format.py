"""Numbers as a reader reads them: ``1,000``, ``3×10⁶``, ``16 KiB``, ``4.2 ms``.

Introduced in chapter 1.
"""

from __future__ import annotations

import math
import numbers

import numpy as np

from qbp_lessons._validate import positive_int, positive_real

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
    if isinstance(x, np.ndarray) and x.ndim == 0:
        x = x.item()
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, numbers.Real):
        raise TypeError(f"x must be a real number, got {type(x).__name__} {x!r}")
    digits = positive_int("digits", digits)
    x = float(x)
    if not math.isfinite(x):
        return str(x)
    if x == 0:
        return "0"
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
    if isinstance(x, bool) or not isinstance(x, (int, float, np.integer, np.floating)):
        raise TypeError(f"x must be a real number, got {type(x).__name__}")
    if not math.isfinite(float(x)):
        raise ValueError(f"x must be finite, got {x}")
    floor = positive_real("floor", floor)
    return 10.0 ** math.ceil(math.log10(max(abs(float(x)), floor)))


_BINARY_UNITS = ("B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB")


def format_bytes(nbytes) -> str:
    """Format a byte count in binary units: ``16 KiB``, ``1.5 GiB``, ``16 PiB``.

    Three significant digits at most; whole numbers print without decimals.
    Introduced in chapter 2.
    """
    if isinstance(nbytes, (bool, np.bool_)) or not isinstance(nbytes, numbers.Real):
        raise TypeError(f"nbytes must be a number of bytes, got {type(nbytes).__name__} {nbytes!r}")
    value = float(nbytes)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"nbytes must be finite and >= 0, got {nbytes!r}")
    unit = 0
    while value >= 1024 and unit < len(_BINARY_UNITS) - 1:
        value /= 1024
        unit += 1
    text = f"{value:.0f}" if value == round(value) or value >= 100 else f"{value:.3g}"
    return f"{text} {_BINARY_UNITS[unit]}"


def format_seconds(t: float) -> str:
    """Format a duration for a reader: ``4.2 ms``, ``1.3 s``."""
    if t >= 1:
        return f"{t:,.3g} s" if t < 1000 else f"{format_number(t)} s"
    return f"{t * 1e3:.3g} ms"
