"""Bad input to every public callable: a clear ValueError or TypeError naming the parameter, fast.

The sweep starts from a good call of each public function and class (``calls.py``),
spoils one argument at a time with values a careless user or student would pass,
and checks what happens:

- values that can never be right (NaN, infinity, a boolean or a complex number for a
  real number, 2.5 for a count, a number for a string, an object for a callable,
  NaN inside an array, None for a required argument, a bad seed) must raise
  ValueError or TypeError, and the message must name the parameter;
- values that may be right or wrong (0, -1, 10**12, 10**400, 1e308, empty lists,
  unknown option strings) must either return or raise ValueError or TypeError
  naming the parameter; a number the call returns must not be NaN;
- a refusal must come within ``SECONDS`` of CPU time, a call that accepts its value
  (and does the work) within ``ACCEPTED_SECONDS``; either way it must allocate at
  most ``MEMORY_CAP`` bytes (traced by ``tracemalloc``), so that a cap on the work
  a call implies, not only on each count, is what stops it.

Each record class (a dataclass the package returns) is swept with the fields of a
real instance collected from the good calls. ``python -m tests.unit.sweep.test_sweep
[substring]`` runs the same sweep outside pytest and prints every finding and the counts
(callables, calls, calls refused with a clear error).
"""

from __future__ import annotations

import dataclasses
import inspect
import math
import numbers
import signal
import sys
import threading
import time
import tracemalloc
import warnings
from collections import Counter

import matplotlib
import numpy as np
import pytest

from . import calls
from .public import public_callables

matplotlib.use("Agg")

#: CPU seconds a call may take to refuse a bad value.
SECONDS = 1.0
#: CPU seconds a call that accepts a "may be right" value (0, an empty list) may take doing its
#: work, with tracemalloc on and the other test worker busy: several times the good call's.
ACCEPTED_SECONDS = 3.0
#: Bytes a call with a bad value may allocate at its peak (traced by tracemalloc).
MEMORY_CAP = 64 * 2**20
#: Wall-clock seconds after which a call is interrupted (a hang, reported as such).
HANG = 20

CALLABLES = public_callables()

#: Exception classes that are not callables to sweep.
SKIP = {
    name
    for name, obj in CALLABLES.items()
    if isinstance(obj, type) and issubclass(obj, BaseException)
}

#: Callables that check nothing on purpose, with the reason. A ``*_core`` function is the
#: unchecked body a chapter shows; its checked twin (the same name without ``_core``) is swept.
INNER_LOOP = {
    "qbp_lessons.engine.kernels.rotate": "the simulator's inner loop: circuits.state checks",
    "qbp_lessons.engine.kernels.apply_kernel": "inner loop: circuits.apply_pauli checks",
    "qbp_lessons.engine.kernels.apply_terms": "inner loop: circuits.expval and gradients check",
    "qbp_lessons.engine.kernels.term_values": "inner loop: circuits.term_expvals checks",
    "qbp_lessons.engine.kernels.run": "inner loop: circuits.state checks",
    "qbp_lessons.lessons.backprop.references.autograd_loss": "the loss autograd traces: "
    "grad_autograd checks",
    "qbp_lessons.lessons.backprop.network.sigmoid": "inside forward_core's timed loop, on "
    "checked arrays: forward checks",
    "qbp_lessons.lessons.backprop.network.widths_of": "of checked params, inside the cores",
    "qbp_lessons.lessons.backprop.passes.squared_error": "inside forward_core: forward checks",
    "qbp_lessons.lessons.commuting.settings.gradient_setting": "a builder of prepare_gradient "
    "and block_grad_shots, which check the model, theta and the ledger",
    "qbp_lessons.lessons.shadows.estimator.segment_sums": "inside estimate_paulis_core: "
    "estimate_paulis checks",
}

#: Callables whose NaN result is a documented mark, not an error.
NAN_RESULT = {"qbp_lessons.lessons.shadows.scans.samples_needed": "NaN where no checkpoint reaches"}
CORES = {name for name in CALLABLES if name.endswith("_core")}
SKIP |= set(INNER_LOOP) | CORES

#: Parameters where None is a good value although they have no default.
NONE_ALLOWED = {
    ("qbp_lessons.engine.ledger.check_ledger", "ledger"),
    ("qbp_lessons.lessons.backprop.checkpointing.check_segment", "segment"),  # the default
}

#: Parameters that take any object on purpose, with the reason.
ANY_VALUE = {
    ("qbp_lessons.exercises.check", "answer"): "the checker turns any answer into a verdict",
    ("qbp_lessons.exercises.checker.run_check", "answer"): "as check",
    ("qbp_lessons.exercises.checker.short", "obj"): "a printable summary of any object",
    (
        "qbp_lessons.exercises.checker.as_number",
        "answer",
    ): "raises WrongKind, the checker's verdict",
    ("qbp_lessons.show.book.glue", "value"): "any object can be glued into the page",
    ("qbp_lessons.exercises.checker.call_student", "fn"): "the student's function: its failures "
    "become WrongKind, which every judge turns into a verdict",
    ("qbp_lessons.show.frames.Axis", "values"): "slider values may be any labels",
    ("qbp_lessons.show.frames.Axis", "default"): "one of the values",
    ("qbp_lessons.exercises.checker.Verdict", "note"): "free text",
    ("qbp_lessons.exercises.checker.Exercise", "question"): "free text",
    ("qbp_lessons.exercises.checker.Exercise", "expects"): "free text",
    ("qbp_lessons.show.frames.Axis", "description"): "free text",
    ("qbp_lessons.show.frames.reading_html", "text"): "free text",
    ("qbp_lessons.show.book.kernel_note", "what"): "free text",
    ("qbp_lessons.lessons.param_shift.show.shift_rule_figure", "xlabel"): "free text",
    ("qbp_lessons.lessons.param_shift.show.shift_rule_figure", "ylabel"): "free text",
    ("qbp_lessons.show.figure_style.log_log_axes", "xlabel"): "free text",
    ("qbp_lessons.show.figure_style.log_log_axes", "ylabel"): "free text",
}


#: A parameter called ``name`` is the caller's parameter name, used only in messages: any
#: value gives a message, never a wrong result, so it is not swept.
LABELS = {"name"}


class Hang(Exception):
    """Raised inside a call that ran past ``HANG`` seconds of wall clock."""


def _on_alarm(signum, frame):
    raise Hang


def _kind(value) -> str:
    """The kind of a good value, which decides the bad values tried in its place."""
    if value is None:
        return "none"
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, numbers.Integral):
        return "int"
    if isinstance(value, numbers.Real):
        return "real"
    if isinstance(value, numbers.Complex):
        return "complex"
    if isinstance(value, str):
        return "str"
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fiu":
            return "real_array"
        if value.dtype.kind == "c":
            return "complex_array"
        return "object"
    if (
        isinstance(value, (list, tuple))
        and value
        and all(isinstance(v, numbers.Real) and not isinstance(v, bool) for v in value)
    ):
        return "real_list"
    if (
        callable(value)
        and not isinstance(value, type)
        and not hasattr(value, "__dataclass_fields__")
    ):
        if inspect.isfunction(value) or inspect.isbuiltin(value) or inspect.ismethod(value):
            return "callable"
    if isinstance(value, dict):
        return "dict"
    if isinstance(value, (list, tuple)):
        return "sequence"
    return "object"


def _with_nan(value):
    arr = np.array(value, dtype=complex if np.iscomplexobj(value) else float)
    flat = arr.reshape(-1).copy()
    if flat.size == 0:
        return None
    flat[0] = np.nan
    return flat.reshape(arr.shape)


def bad_values(name: str, kind: str, good, required: bool, record: bool = False):
    """``(label, value, must_raise)`` for one parameter of the given kind.

    ``record``: the parameter is a field of a record class, where an array of booleans
    passes as numbers (some fields, such as ``accept_all``, hold booleans).
    """
    out = []
    if name in ("seed",):
        out += [("seed -1", -1, True), ("seed 1.5", 1.5, True), ("seed 'a'", "a", True)]
        out += [("seed True", True, True)]
        return out
    if required and kind != "none":
        out.append(("None", None, True))
    if kind == "bool":
        out += [("int 1", 1, True), ("str 'yes'", "yes", True)]
    elif kind in ("int", "real"):
        out += [("nan", math.nan, True), ("inf", math.inf, True), ("-inf", -math.inf, True)]
        out += [("True", True, True), ("complex", 1 + 1j, True), ("str", "2", True)]
        out += [("zero", 0, False), ("-1", -1, False), ("1e12", 10**12, False)]
        out += [("10**400", 10**400, False), ("1e308", 1e308, False), ("-1e308", -1e308, False)]
        out += [("5e-324", 5e-324, False)]
        if kind == "int":
            out.append(("2.5", 2.5, True))
    elif kind == "complex":
        out += [("nan", complex(math.nan, 0), True), ("str", "1", True)]
    elif kind in ("real_array", "complex_array", "real_list"):
        nan = _with_nan(good)
        if nan is not None:
            out.append(("nan inside", nan, True))
            inf = nan.copy()
            inf.reshape(-1)[0] = np.inf
            out.append(("inf inside", inf, True))
        out += [("str", "abc", True), ("objects", [object()], True), ("empty", [], False)]
        out += [("scalar", 0.5, False), ("huge entries", np.full(np.shape(good), 1e300), False)]
        if kind != "complex_array":
            out.append(("complex", np.asarray(good, dtype=complex) + 1j, False))
            if np.asarray(good).dtype.kind == "f" and np.size(good) > 0:
                out.append(("booleans", np.ones(np.shape(good), dtype=bool), not record))
    elif kind == "str":
        out += [("int", 5, True), ("empty", "", False), ("unknown", "no-such-option", False)]
    elif kind == "callable":
        out += [("int", 5, True), ("returns nan", lambda *a, **k: math.nan, False)]
        out += [("raises", _raises, False), ("returns str", lambda *a, **k: "x", False)]
    elif kind == "dict":
        out += [("int", 5, True), ("empty", {}, False)]
    elif kind == "sequence":
        out += [("int", 5, True), ("empty", [], False), ("junk entries", [5, "x"], False)]
    elif kind == "object":
        out += [("int", 5, True), ("str", "junk", False), ("list", [1, 2], False)]
    elif kind == "none":
        out += [("str", "junk", False), ("nan", math.nan, False), ("-1", -1, False)]
    return out


class UserError(RuntimeError):
    """What a reader's own function raises: the checker must judge it; elsewhere it may pass."""


def _raises(*args, **kwargs):
    raise UserError("a reader's function that fails")


def _has_nan(result) -> bool:
    if isinstance(result, (bool, np.bool_)):
        return False
    if isinstance(result, numbers.Integral):
        return False
    if isinstance(result, numbers.Number):
        return bool(np.isnan(complex(result)))
    if isinstance(result, np.ndarray) and result.dtype.kind in "fc":
        return bool(np.isnan(result).any())
    return False


def _call(fn, args, kwargs):
    """Run ``fn``: ``(outcome, cpu seconds, peak bytes)``, the outcome a result or exception."""
    use_alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGALRM")
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, HANG)
    tracemalloc.start()
    start = time.process_time()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            outcome = fn(*args, **kwargs)
    except BaseException as exc:  # a hang, MemoryError and KeyboardInterrupt are all findings
        if isinstance(exc, KeyboardInterrupt):
            raise
        outcome = exc
    finally:
        seconds = time.process_time() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    return outcome, seconds, peak


# --------------------------------------------------------------------------
# Good calls, and the records they return
# --------------------------------------------------------------------------

RECORDS = {
    name
    for name, obj in CALLABLES.items()
    if isinstance(obj, type)
    and (dataclasses.is_dataclass(obj) or issubclass(obj, tuple))
    and calls.BY_CALLABLE.get(name) is None
}


def _collect(value, found, depth=0):
    if depth > 3:
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        found.setdefault(type(value), value)
        for field in dataclasses.fields(value):
            _collect(getattr(value, field.name), found, depth + 1)
    elif isinstance(value, tuple) and hasattr(value, "_fields"):
        found.setdefault(type(value), value)
    elif isinstance(value, (list, tuple)):
        for item in value[:3]:
            _collect(item, found, depth + 1)
    elif isinstance(value, dict):
        for item in list(value.values())[:3]:
            _collect(item, found, depth + 1)


_GOOD = {}


def good_call(name):
    """``(fn, args, kwargs)`` of a call that succeeds; a record's come from a real instance."""
    fn = CALLABLES[name]
    if name in RECORDS:
        instance = record_examples().get(fn)
        if instance is None:
            raise LookupError(f"{name}: no good call returned an instance of this record")
        if dataclasses.is_dataclass(instance):
            values = {
                f.name: getattr(instance, f.name) for f in dataclasses.fields(instance) if f.init
            }
        else:
            values = instance._asdict()
        return fn, (), values
    kwargs = calls.defaults(name, fn)
    return fn, kwargs.pop("*args", ()), kwargs


_RECORD_EXAMPLES: dict = {}


def record_examples() -> dict:
    """An instance of each record class, from what the good calls of the functions returned."""
    if not _RECORD_EXAMPLES:
        for name in sorted(CALLABLES):
            if name in RECORDS or name in SKIP:
                continue
            fn = CALLABLES[name]
            kwargs = calls.defaults(name, fn)
            args = kwargs.pop("*args", ())
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    _collect(fn(*args, **kwargs), _RECORD_EXAMPLES)
                except Exception:  # reported by test_good_call
                    pass
        _close_figures()
        _RECORD_EXAMPLES.update(_extra_records())
    return _RECORD_EXAMPLES


def _extra_records() -> dict:
    from qbp_lessons.lessons.backprop import checkpointing, network, passes

    params = network.init_network([3, 4, 2], seed=0)
    X, Y = network.make_data([3, 4, 2], 5, seed=1)
    return {
        passes.Tape: passes.forward(params, X, Y)[1],
        checkpointing.CheckpointedGradient: checkpointing.grad_checkpointed(params, X, Y),
    }


def _close_figures():
    import matplotlib.pyplot as plt

    plt.close("all")


SWEPT = sorted(name for name in CALLABLES if name not in SKIP)


@pytest.mark.parametrize("name", SWEPT)
def test_good_call(name):
    """Each public callable has a good call here, and it succeeds: the sweep's starting point."""
    fn, args, kwargs = good_call(name)
    outcome, seconds, _ = _call(fn, args, kwargs)
    _close_figures()
    assert not isinstance(outcome, BaseException), f"{name}: the good call raised {outcome!r}"


def _swept_params(fn, kwargs) -> dict:
    """The good call's arguments, and each defaulted parameter it left out at its default.

    A parameter whose default is None (an option left off) is swept only when the good
    call gives it a value.
    """
    params = dict(kwargs)
    for pname, spec in inspect.signature(fn).parameters.items():
        if pname in params or spec.kind not in (spec.POSITIONAL_OR_KEYWORD, spec.KEYWORD_ONLY):
            continue
        if spec.default is not spec.empty and spec.default is not None:
            params[pname] = spec.default
    return params


def _unsweepable(name) -> bool:
    """True when no parameter of the callable can be given a bad value by the sweep."""
    fn, _, kwargs = good_call(name)
    swept = [p for p in _swept_params(fn, kwargs) if (name, p) not in ANY_VALUE and p not in LABELS]
    return not swept


def sweep_one(name):
    """Every finding for one callable: a list of strings, empty when all is well."""
    fn, args, kwargs = good_call(name)
    _call(fn, args, kwargs)  # once unspoiled first: imports and caches are not a bad call's cost
    findings, tried = [], Counter()
    for param, good in _swept_params(fn, kwargs).items():
        if (name, param) in ANY_VALUE or param in LABELS:
            continue
        signature = inspect.signature(fn)
        spec = signature.parameters.get(param)
        required = spec is not None and spec.default is spec.empty
        required = required and (name, param) not in NONE_ALLOWED
        # A function that takes the caller's parameter name (``name=``) names that instead.
        label = kwargs.get("name", getattr(signature.parameters.get("name"), "default", None))
        names = {param, label} if isinstance(label, str) else {param}
        for label, value, must in bad_values(param, _kind(good), good, required, name in RECORDS):
            if label == "nan inside" and param in getattr(fn, "NAN_FIELDS", ()):
                must = False  # a record field where NaN is the documented "missing" mark
            spoiled = dict(kwargs, **{param: value})
            outcome, seconds, peak = _call(fn, args, spoiled)
            tried["calls"] += 1
            where = f"{name}({param}={label})"
            if isinstance(outcome, Hang):
                findings.append(f"{where}: still running after {HANG} s")
            elif isinstance(outcome, (ValueError, TypeError)):
                tried["refused"] += 1
                message = str(outcome)
                if not any(n in message for n in names):
                    findings.append(
                        f"{where}: {type(outcome).__name__} does not name {param!r}: "
                        f"{message[:120]}"
                    )
            elif isinstance(outcome, UserError) and not name.startswith("qbp_lessons.exercises"):
                tried["refused"] += 1  # the reader's own exception, passed on unchanged
            elif isinstance(outcome, BaseException):
                findings.append(f"{where}: {type(outcome).__name__}: {str(outcome)[:120]}")
            elif must:
                findings.append(f"{where}: accepted a value that can never be right")
            elif _has_nan(outcome) and name not in NAN_RESULT:
                findings.append(f"{where}: returned NaN")
            limit = SECONDS if isinstance(outcome, BaseException) else ACCEPTED_SECONDS
            if seconds > limit:
                findings.append(f"{where}: took {seconds:.1f} s of CPU")
            if peak > MEMORY_CAP:
                findings.append(f"{where}: allocated {peak / 2**20:.0f} MiB")
        _close_figures()
    return findings, tried


@pytest.mark.parametrize("name", SWEPT)
def test_bad_values(name):
    """Bad values get a clear error naming the parameter, within the time and memory caps."""
    findings, tried = sweep_one(name)
    assert tried["calls"] > 0 or _unsweepable(name), f"{name}: no bad value was tried"
    assert not findings, "\n".join(findings)


def test_sweep_covers_every_public_callable():
    """The sweep is generated from the package; what it leaves out is named, with a reason."""
    assert len(SWEPT) > 290 and set(SWEPT) | SKIP == set(CALLABLES)
    assert (
        set(INNER_LOOP) <= set(CALLABLES)
        and len(INNER_LOOP) <= 12
        and set(NAN_RESULT) <= set(CALLABLES)
    )
    for core in CORES:  # each unchecked core has a checked twin, which is swept
        twin = core.removesuffix("_core")
        assert (
            twin in SWEPT
            or twin.rsplit(".", 1)[0] + "." + core.rsplit(".", 1)[1].removesuffix("_core") in SWEPT
        ), f"{core} has no checked twin"


if __name__ == "__main__":  # python -m tests.unit.sweep.test_sweep [name-filter]: a report
    pattern = sys.argv[1] if len(sys.argv) > 1 else ""
    total, bad = Counter(), 0
    for name in SWEPT:
        if pattern not in name:
            continue
        try:
            findings, tried = sweep_one(name)
        except Exception as exc:
            findings, tried = [f"{name}: no good call: {exc!r}"], Counter()
        total.update(tried)
        total["callables"] += 1
        bad += bool(findings)
        for line in findings:
            print(line)
    print(
        f"{total['callables']} callables, {total['calls']} calls, {total['refused']} refused, "
        f"{bad} callables with findings"
    )
