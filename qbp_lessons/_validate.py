"""Input checks shared by every public function of :mod:`qbp_lessons`.

Each helper raises ``TypeError`` (wrong kind of object) or ``ValueError``
(right kind, wrong value) with a message that names the offending parameter,
so that a reader who mistypes a widget value or a function argument learns
exactly what was expected.
"""

from __future__ import annotations

import inspect
import numbers

import numpy as np


def _is_bool(value) -> bool:
    return isinstance(value, (bool, np.bool_))


def _finite_float(name: str, value) -> float:
    """``float(value)``, refusing NaN, infinities and integers too large for a float."""
    try:
        value = float(value)
    except OverflowError:
        raise ValueError(f"{name} must be finite, got about 2^{value.bit_length()}") from None
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def positive_int(name: str, value, minimum: int = 1) -> int:
    """Return ``value`` as an ``int`` after checking that it is an integer >= ``minimum``."""
    if _is_bool(value) or not isinstance(value, numbers.Integral):
        if isinstance(value, numbers.Real) and not _is_bool(value) and float(value).is_integer():
            value = int(value)
        else:
            raise TypeError(f"{name} must be an integer, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}, got {value}")
    return int(value)


def positive_real(
    name: str,
    value,
    *,
    allow_zero: bool = False,
    upper: float | None = None,
    upper_inclusive: bool = True,
) -> float:
    """Return ``value`` as a ``float`` after checking it is finite and > 0 (or >= 0)."""
    if _is_bool(value) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    value = _finite_float(name, value)
    if value < 0 or (value == 0 and not allow_zero):
        bound = ">= 0" if allow_zero else "> 0"
        raise ValueError(f"{name} must be {bound}, got {value}")
    if upper is not None and (value > upper or (value == upper and not upper_inclusive)):
        bound = f"<= {upper}" if upper_inclusive else f"< {upper}"
        raise ValueError(f"{name} must be {bound}, got {value}")
    return value


def real_array(
    name: str, value, *, ndim: int | None = None, shape: tuple | None = None
) -> np.ndarray:
    """Return ``value`` as a finite float array, checking its dimension or exact shape."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be an array of real numbers, got {type(value).__name__}")
    try:
        arr = np.asarray(value)
    except ValueError:  # rows of different lengths
        raise TypeError(
            f"{name} must be an array of real numbers, with rows of equal length"
        ) from None
    except Exception as exc:  # numpy raises many kinds here
        raise TypeError(f"{name} must be an array of real numbers ({exc})") from None
    if arr.dtype == bool:
        raise TypeError(f"{name} must hold real numbers, got booleans")
    if arr.dtype == object or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} must be an array of real numbers, got dtype {arr.dtype}")
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must be real, got complex dtype {arr.dtype}")
    arr = arr.astype(float)
    if ndim is not None and arr.ndim != ndim:
        raise ValueError(f"{name} must be {ndim}-dimensional, got shape {arr.shape}")
    if shape is not None and arr.shape != tuple(shape):
        raise ValueError(f"{name} must have shape {tuple(shape)}, got {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite values")
    return arr


def _whole_numbers(name: str, value, minimum: int, maximum: int | None) -> np.ndarray:
    """The one rule for an array of counts: real, whole, in [minimum, maximum] (float array)."""
    flat = value if isinstance(value, (list, tuple)) else ()
    if np.asarray(value).dtype == bool or any(_is_bool(x) for x in flat):
        raise TypeError(f"{name} must hold integers, got booleans")  # True is not a count
    arr = real_array(name, value)
    if np.any(arr < minimum):
        raise ValueError(f"{name} must be >= {minimum} everywhere, got min {arr.min():g}")
    if np.any(arr != np.round(arr)):
        raise ValueError(f"{name} must contain whole numbers")
    if maximum is not None and np.any(arr > maximum):
        raise ValueError(f"{name} must be <= {maximum:,} everywhere, got max {arr.max():,.0f}")
    return arr


def count_array(name: str, value, minimum: int = 1, *, maximum: int | None = None):
    """Validate a scalar or array of counts (such as M) that are all >= ``minimum``.

    Returns an ``int`` for a scalar input and a float array otherwise (floats so
    that cost formulas such as ``M**2`` never overflow for M up to 1e12).
    ``maximum``: an upper cap, ``MAX_MODEL_COUNT`` (10^15) when None, so that a cost
    formula never overflows a float.
    """
    maximum = MAX_MODEL_COUNT if maximum is None else maximum
    if np.ndim(value) == 0:
        value = value.item() if isinstance(value, np.ndarray) else value
        return bounded_int(name, value, minimum, maximum)
    return _whole_numbers(name, value, minimum, maximum)


#: Largest size (M, n, shots) a cost model accepts: far beyond any widget, far below overflow.
MAX_MODEL_COUNT = 10**15


#: Most values a list of counts (the M values of a scan, say) may hold.
MAX_LIST_LENGTH = 1000


def count_list(
    name: str, values, maximum: int, *, minimum: int = 1, max_length: int = MAX_LIST_LENGTH
) -> list[int]:
    """A non-empty 1-d list of whole numbers in ``[minimum, maximum]``, as Python ints.

    The rule for every list of sizes a scan loops over (M values, K values, shot
    budgets): ``maximum`` is explicit, because each loop has its own cap, and at
    most ``max_length`` values are accepted.
    """
    if isinstance(values, (str, bytes, dict)) or np.ndim(values) != 1:
        raise TypeError(f"{name} must be a 1-d list of whole numbers, got {type(values).__name__}")
    if len(values) == 0:
        raise ValueError(f"{name} must contain at least one value")
    if len(values) > max_length:
        raise ValueError(f"{name} must contain at most {max_length:,} values, got {len(values):,}")
    return [int(v) for v in _whole_numbers(name, list(values), minimum, maximum)]


def choice(name: str, value, options) -> str:
    """Check that ``value`` is one of ``options``."""
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be a string, one of {sorted(options)}, got {type(value).__name__}"
        )
    if value not in options:
        raise ValueError(f"{name} must be one of {sorted(options)}, got {value!r}")
    return value


#: Largest number of repetitions, shots or sizes any loop of the package accepts at once.
MAX_COUNT = 10**9


def rng(name: str, seed) -> np.random.Generator:
    """A ``numpy.random.Generator`` from ``seed``, the same rule everywhere in the package.

    ``seed`` may be a non-negative integer (reproducible), a Generator (used as
    is, so a caller can thread one stream through many calls) or ``None``
    (fresh entropy: a different result every run).
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        return np.random.default_rng()
    if _is_bool(seed) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            f"{name} must be a non-negative integer, a numpy Generator or None, "
            f"got {type(seed).__name__} {seed!r}"
        )
    if seed < 0:
        raise ValueError(f"{name} must be >= 0, got {seed}")
    return np.random.default_rng(int(seed))


def seed_ints(name: str, seed, count: int = 1, *, step: int = 0) -> list[int]:
    """``count`` integer seeds from ``seed`` by :func:`rng`'s rule, for code that takes only ints.

    An int s (checked as :func:`rng` checks it) gives s, s + step, s + 2 step, ...; a
    Generator or None (fresh entropy) gives ``count`` draws below 2^31 from it. PennyLane's
    devices and samplers get their seeds this way, so they never fall back on numpy's global
    generator.
    """
    if isinstance(seed, numbers.Integral) and not _is_bool(seed):
        start = int(seed)
        rng(name, start)  # checks the sign
        return [start + step * i for i in range(count)]
    return [int(v) for v in rng(name, seed).integers(2**31, size=count)]


def flag(name: str, value) -> bool:
    """Check that ``value`` is True or False (not 0, 1 or a string)."""
    if not _is_bool(value):
        raise TypeError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return bool(value)


def real(name: str, value) -> float:
    """Return ``value`` as a finite float (booleans, strings and complex numbers refused)."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if _is_bool(value) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    return _finite_float(name, value)


def bounded_int(name: str, value, minimum: int = 1, maximum: int = MAX_COUNT) -> int:
    """An integer in ``[minimum, maximum]``: the size cap every loop and allocation checks first."""
    value = positive_int(name, value, minimum)
    if value > maximum:
        raise ValueError(f"{name} must be <= {maximum:,}, got {value:,}")
    return value


def probability(name: str, value, *, open_interval: bool = True) -> float:
    """A probability: in (0, 1) (``open_interval``) or [0, 1]."""
    value = real(name, value)
    if open_interval and not 0.0 < value < 1.0:
        raise ValueError(f"{name} must lie strictly between 0 and 1, got {value}")
    if not open_interval and not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must lie in [0, 1], got {value}")
    return value


#: Slack allowed on <psi|psi> = 1 (rounding only: a state built by the package is within 1e-12).
NORM_TOLERANCE = 1e-9


def qubits_of_dimension(name: str, size, maximum: int) -> int:
    """The number of qubits n of a dimension ``size`` = 2^n, 1 <= n <= ``maximum``, or raise.

    The one rule for "how many qubits does this vector or matrix describe".
    """
    size = positive_int(name, size, minimum=0)
    n = size.bit_length() - 1
    if size < 2 or (1 << n) != size:
        raise ValueError(f"{name} must have a dimension 2^n (n >= 1 qubits), got {size}")
    if n > maximum:
        raise ValueError(f"{name} describes {n} qubits; at most {maximum} are allowed here")
    return n


def statevector(
    name: str,
    value,
    *,
    maximum: int,
    n: int | None = None,
    normalised: bool = True,
    tolerance: float = NORM_TOLERANCE,
) -> np.ndarray:
    """Return ``value`` as a complex statevector of 2^n amplitudes, finite and normalised.

    The one rule for a statevector: a 1-d numeric array whose length is 2^n
    (1 <= n <= ``maximum``; equal to 2^``n`` when ``n`` is given), all entries
    finite, and ``|<psi|psi> - 1| <= tolerance`` (unless ``normalised=False``,
    for intermediate vectors such as O|psi>). The shape and the size cap are
    checked before the value is converted.
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a complex array of length 2^n, got {type(value).__name__}")
    try:
        shape = np.shape(value)
    except ValueError:  # entries of different lengths
        raise ValueError(f"{name} must be a vector of length 2^n, got a ragged sequence") from None
    if len(shape) != 1:
        raise ValueError(f"{name} must be a vector of length 2^n, got shape {shape}")
    if n is not None:
        n = positive_int("n", n)
        if n > maximum:
            raise ValueError(f"n must be <= {maximum:,}, got {n:,}")
        if shape != (1 << n,):
            raise ValueError(f"{name} must have shape ({1 << n},) for n = {n} qubits, got {shape}")
    else:
        qubits_of_dimension(name, shape[0], maximum)
    arr = np.asarray(value)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{name} must be a numeric array, got dtype {arr.dtype}")
    arr = arr.astype(complex)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must contain only finite values")
    if normalised:
        norm = float(np.vdot(arr, arr).real)
        if not abs(norm - 1.0) <= tolerance:
            raise ValueError(
                f"{name} must be normalised (<{name}|{name}> = 1 to within {tolerance:g}), "
                f"got {norm:.12g}"
            )
    return arr


# --------------------------------------------------------------------------
# Records: a dataclass the package returns checks its own fields
# --------------------------------------------------------------------------


def _field_check(owner: type, field: str, annotation, nan_ok: bool = False):
    """A check of one record field from its annotation (None when it takes anything)."""
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    text = text.replace(" ", "").replace("ForwardRef(", "").strip("')\"")
    parts = text.split("|")
    optional = "None" in parts
    parts = [p for p in parts if p != "None"]
    if len(parts) != 1:
        return None
    base = parts[0].split("[")[0]
    label = f"{owner.__name__}.{field}"
    if base == "int":

        def check(value):
            if _is_bool(value) or not isinstance(value, numbers.Integral) or value < 0:
                raise _record_error(label, "a non-negative integer", value)

    elif base == "float":

        def check(value):
            real(label, value)

    elif base == "bool":

        def check(value):
            flag(label, value)

    elif base == "np.ndarray":

        def check(value):
            if not isinstance(value, np.ndarray) or value.dtype.kind not in "biufcU":
                raise _record_error(label, "a numpy array of numbers or labels", value)
            numeric = value.dtype.kind in "fc"
            if numeric and np.any(np.isinf(value) if nan_ok else ~np.isfinite(value)):
                allowed = " (NaN marks a missing value)" if nan_ok else ""
                raise ValueError(f"{label} must contain only finite values{allowed}")

    elif base in ("str", "tuple", "list", "dict"):
        kind = {"str": str, "tuple": tuple, "list": list, "dict": dict}[base]

        def check(value):
            if not isinstance(value, kind):
                raise _record_error(label, f"a {base}", value)

    elif base == "Callable":

        def check(value):
            if not callable(value):
                raise _record_error(label, "a callable", value)

    else:
        import sys

        cls = sys.modules[owner.__module__].__dict__.get(base.split(".")[-1])
        if not isinstance(cls, type) or cls is object:
            return None

        def check(value):
            if not isinstance(value, cls):
                raise _record_error(label, f"a {cls.__name__}", value)

    if optional:
        inner = check

        def check(value):
            if value is not None:
                inner(value)

    return check


def _record_error(label: str, expected: str, value) -> TypeError | ValueError:
    if isinstance(value, numbers.Integral) and not _is_bool(value) and expected.startswith("a non"):
        return ValueError(f"{label} must be {expected}, got {value}")
    return TypeError(f"{label} must be {expected}, got {type(value).__name__}")


def record(cls: type) -> type:
    """Class decorator (below ``@dataclass``): the record checks every field when it is made.

    Each field's annotation is its rule: ``int`` a non-negative integer, ``float`` a
    finite real number, ``bool`` True or False, ``np.ndarray`` a numeric array with
    finite entries, ``str``/``tuple``/``list``/``dict`` that type, a class of the
    record's module an instance of it, ``X | None`` also None. A record made by hand
    with a wrong field fails at once, with the field's name, not later in a figure.
    An array field named in the class's ``NAN_FIELDS`` may hold NaN as a documented
    "missing" mark (never infinities).
    """
    import dataclasses

    nan_fields = set(getattr(cls, "NAN_FIELDS", ()))
    checks = []
    for field in dataclasses.fields(cls):
        check = _field_check(cls, field.name, field.type, field.name in nan_fields)
        if check is not None:
            checks.append((field.name, check))
    made = cls.__init__  # the dataclass's own, which runs any __post_init__ that parses input

    def __init__(self, *args, **kwargs):
        made(self, *args, **kwargs)
        for name, check in checks:
            check(getattr(self, name))

    __init__.__doc__ = made.__doc__
    __init__.__signature__ = inspect.signature(made)
    cls.__init__ = __init__
    return cls


def records(name: str, values, kind: type, *, max_length: int = MAX_LIST_LENGTH) -> list:
    """A non-empty list (or tuple) of ``kind`` instances, at most ``max_length`` of them.

    The rule for every figure or table that draws a list of results (the
    measurements of a sweep, the runs of a comparison).
    """
    if isinstance(values, (str, bytes, dict)) or not isinstance(values, (list, tuple)):
        raise TypeError(f"{name} must be a list of {kind.__name__}, got {type(values).__name__}")
    if not values:
        raise ValueError(f"{name} must hold at least one {kind.__name__}")
    if len(values) > max_length:
        raise ValueError(f"{name} must hold at most {max_length:,} values, got {len(values):,}")
    for i, value in enumerate(values):
        if not isinstance(value, kind):
            raise TypeError(f"{name}[{i}] must be a {kind.__name__}, got {type(value).__name__}")
    return list(values)
