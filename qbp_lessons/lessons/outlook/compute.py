"""Chapter 8's computations: Jordan's gradient algorithm simulated, barren plateaus measured.

* :func:`jordan_gradient` simulates Jordan's algorithm (PRL 95, 050501, 2005) with numpy:
  a uniform superposition over a grid of 2^b points per coordinate, **one** application
  of the phase oracle e^{2 pi i S (f(x) - f(x0))}, an inverse quantum Fourier transform on
  each register, and the distribution of the read-out gradient.
* :func:`layered_circuit` builds random Pauli-rotation circuits for the engine;
  :func:`plateau_scan` measures Var(dF/dtheta_1) against n with the engine's adjoint
  gradient, :func:`fit_log2_slope` fits log2 Var against n with a standard error, and
  :func:`two_design_variance` is what a 2-design predicts for the same quantity.

Introduced in chapter 8.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from qbp_lessons._validate import (
    bounded_int,
    choice,
    positive_real,
    real_array,
    record,
    rng,
    statevector,
)
from qbp_lessons.engine import gradients
from qbp_lessons.engine.circuits import Circuit
from qbp_lessons.engine.ledger import Ledger

__all__ = [
    "MAX_GRID_QUBITS",
    "JordanReadout",
    "inverse_qft",
    "jordan_gradient",
    "layered_circuit",
    "PlateauScan",
    "plateau_scan",
    "fit_log2_chi2_per_dof",
    "fit_log2_slope",
    "DEEP_LAYERS_PER_QUBIT",
    "two_design_variance",
]

#: Largest d * b (qubits of all registers together) that :func:`jordan_gradient` simulates.
MAX_GRID_QUBITS = 16


def inverse_qft(psi, registers: int, bits: int) -> np.ndarray:
    """The inverse QFT on each of ``registers`` registers of ``bits`` qubits (register 0 first).

    QFT|k> = 2^(-b/2) sum_y e^{2 pi i k y / 2^b}|y>, so its inverse takes the amplitudes
    psi_k to 2^(-b/2) sum_k e^{-2 pi i k y / 2^b} psi_k: a unitary discrete Fourier
    transform along each register's axis. Introduced in chapter 8.
    """
    registers = bounded_int("registers", registers, maximum=MAX_GRID_QUBITS)
    bits = bounded_int("bits", bits, maximum=MAX_GRID_QUBITS)
    if registers * bits > MAX_GRID_QUBITS:
        raise ValueError(f"registers * bits must be <= {MAX_GRID_QUBITS}, got {registers * bits}")
    psi = statevector("psi", psi, maximum=MAX_GRID_QUBITS, n=registers * bits)
    grid = psi.reshape((2**bits,) * registers)
    return np.fft.fftn(grid, norm="ortho").reshape(-1)


@record
@dataclass(frozen=True)
class JordanReadout:
    """What one run of :func:`jordan_gradient` gives: the read-out distribution and its numbers.

    ``probabilities`` has one axis per register (shape (2^b,) * d); ``values`` are the
    gradient values the 2^b outcomes of one register stand for (signed, step
    ``resolution = bound / 2^b``); ``readout`` is the most likely outcome's gradient;
    ``oracle_queries`` counts the applications of the phase oracle (one).
    """

    probabilities: np.ndarray
    values: np.ndarray
    resolution: float
    bound: float
    oracle_queries: int

    @property
    def d(self) -> int:
        return self.probabilities.ndim

    @property
    def readout(self) -> np.ndarray:
        index = np.unravel_index(np.argmax(self.probabilities), self.probabilities.shape)
        return self.values[list(index)]

    def marginal(self, i: int) -> np.ndarray:
        """Probabilities of register i's outcomes (the others summed out)."""
        i = bounded_int("i", i, minimum=0, maximum=self.d - 1)
        others = tuple(a for a in range(self.d) if a != i)
        return self.probabilities.sum(axis=others)

    def success_probability(self, gradient) -> float:
        """Probability that every register reads one of the two grid values next to ``gradient``."""
        gradient = real_array("gradient", gradient, shape=(self.d,))
        prob = 1.0
        for i in range(self.d):
            near = np.abs(self.values - gradient[i]) < self.resolution * (1 - 1e-12)
            prob *= float(self.marginal(i)[near].sum())
        return prob


def jordan_gradient(f, x0, bits: int, bound: float = 1.0, width: float = 1e-3) -> JordanReadout:
    """Simulate Jordan's algorithm for the gradient of ``f`` at ``x0``.

    ``f`` takes an array of shape (d,) and returns a float; ``x0`` is the point (d <= 4,
    d * bits <= :data:`MAX_GRID_QUBITS`); ``bound``: every component is assumed to lie in
    [-bound/2, bound/2); ``width``: the side of the grid box around x0. The grid is
    x = x0 + width (k / 2^b - 1/2), k = 0 .. 2^b - 1 per coordinate; the oracle multiplies
    the amplitude of k by e^{2 pi i S (f(x) - f(x0))} with S = 2^b / (width * bound). For a
    linear f, the phase is 2 pi k . g / bound plus a constant, so the inverse QFT of
    register i puts everything on y_i = 2^b g_i / bound (mod 2^b), exactly when that is a
    whole number. Introduced in chapter 8.
    """
    if not callable(f):
        raise TypeError(f"f must be a function of an array of shape (d,), got {type(f).__name__}")
    x0 = real_array("x0", x0)
    if x0.ndim != 1 or not 1 <= x0.size <= 4:
        raise ValueError(f"x0 must be a 1-D array of 1 to 4 coordinates, got shape {x0.shape}")
    d = x0.size
    bits = bounded_int("bits", bits, maximum=MAX_GRID_QUBITS)
    if d * bits > MAX_GRID_QUBITS:
        raise ValueError(f"d * bits must be <= {MAX_GRID_QUBITS}, got {d} * {bits}")
    bound = positive_real("bound", bound, upper=1e6)
    width = positive_real("width", width, upper=1.0)
    for name, value in (("bound", bound), ("width", width)):
        if value < 1e-9:
            raise ValueError(f"{name} must be >= 1e-9, got {value}")
    size = 2**bits
    steps = width * (np.arange(size) / size - 0.5)
    mesh = np.stack(np.meshgrid(*([steps] * d), indexing="ij"), axis=-1).reshape(-1, d)
    f0 = float(f(x0))
    values = np.array([float(f(x0 + dx)) for dx in mesh])
    if not np.all(np.isfinite(values)):
        raise ValueError("f must return finite numbers on the grid")
    scale = size / (width * bound)
    psi = np.full(size**d, size ** (-d / 2), dtype=complex)  # H on every qubit: uniform
    queries = 0
    psi = psi * np.exp(2j * np.pi * scale * (values - f0))  # the one oracle query
    queries += 1
    out = inverse_qft(psi, d, bits)
    probabilities = (np.abs(out) ** 2).reshape((size,) * d)
    signed = np.where(np.arange(size) < size // 2, np.arange(size), np.arange(size) - size)
    return JordanReadout(probabilities, bound * signed / size, bound / size, bound, queries)


def layered_circuit(n: int, layers: int, observable: str, seed=None) -> Circuit:
    """``layers`` layers of random single-qubit Pauli rotations (X, Y or Z per wire) and a
    chain of ZZ rotations; ``observable`` ``"global"`` (Z on every wire) or ``"local"``
    (Z on wire 0). Gate 1 is the rotation on wire 0 of layer 1. Introduced in chapter 8.
    """
    n = bounded_int("n", n, minimum=2, maximum=12)
    layers = bounded_int("layers", layers, maximum=200)
    observable = choice("observable", observable, {"global", "local"})
    gen = rng("seed", seed)
    gens = []
    for _ in range(layers):
        for w, letter in enumerate(gen.choice(list("XYZ"), size=n)):
            gens.append("I" * w + str(letter) + "I" * (n - w - 1))
        gens += ["I" * w + "ZZ" + "I" * (n - w - 2) for w in range(n - 1)]
    obs = "Z" * n if observable == "global" else {0: "Z"}
    return Circuit(n, gens, obs, cache=False)


@record
@dataclass(frozen=True)
class PlateauScan:
    """Var(dF/dtheta_1) over random circuits and angles, for each n (:func:`plateau_scan`)."""

    ns: np.ndarray  # the qubit counts, whole numbers from 2 to 10
    observable: str
    depth: str
    samples: np.ndarray  # shape (len(ns), repetitions): dF/dtheta_1 of each random draw
    ledger: Ledger

    @property
    def variances(self) -> np.ndarray:
        """E[g^2] per n: the mean is exactly 0 (uniform angles), so this estimates Var."""
        return np.mean(self.samples**2, axis=1)

    @property
    def standard_errors(self) -> np.ndarray:
        """Standard error of each variance: the spread of g^2 over sqrt(repetitions)."""
        return np.std(self.samples**2, axis=1, ddof=1) / math.sqrt(self.samples.shape[1])


#: Layers per qubit of a "deep" circuit in :func:`plateau_scan`: deep enough that the local
#: observable's variance has reached the 2-design value for n <= 8 (chapter 8 measures it).
DEEP_LAYERS_PER_QUBIT = 16


def two_design_variance(n) -> np.ndarray:
    """Var(dF/dtheta_1) that a 2-design predicts for :func:`layered_circuit` on n qubits.

    Gate 1 is exp(-i theta P) on |0...0> with P = X, Y or Z on wire 0, each with
    probability 1/3, and dF/dtheta_1 = tr(O' A) with A = i[rho, P], rho = |0><0| and
    O' = U^dagger O U for the rest U of the circuit. If U is drawn from a unitary 2-design
    on N = 2^n dimensions and O is a Pauli string (tr O = 0, tr O^2 = N; global and local
    alike), E[tr(O' A)^2] = tr(O^2) tr(A^2) / (N^2 - 1) for a traceless A; tr(A^2) =
    2 (1 - <P>^2) is 2 for P = X or Y and 0 for P = Z (which leaves |0> alone). So
    ``Var = (2/3) * 2 N / (N^2 - 1)``, about (4/3) 2^(-n). Introduced in chapter 8.
    """
    n = real_array("n", n)
    if np.any(n < 1) or np.any(n > 60) or np.any(n != np.round(n)):
        raise ValueError("n must hold whole numbers of qubits from 1 to 60")
    N = 2.0**n
    return (2.0 / 3.0) * 2.0 * N / (N**2 - 1.0)


def _layers(n: int, depth: str, per_qubit: int) -> int:
    return per_qubit * n if depth == "deep" else 2


def plateau_scan(
    ns,
    observable: str,
    depth: str,
    repetitions: int = 100,
    seed=0,
    layers_per_qubit: int = DEEP_LAYERS_PER_QUBIT,
) -> PlateauScan:
    """For each n, ``repetitions`` random circuits (:func:`layered_circuit`,
    ``layers_per_qubit * n`` layers when ``depth="deep"``, 2 when ``"shallow"``) at uniform
    random angles; the engine's adjoint gradient gives dF/dtheta_1 of each. Seeded: the
    same seed gives the same samples. Introduced in chapter 8.
    """
    if isinstance(ns, (str, bytes)) or not isinstance(ns, (list, tuple, range)):
        raise TypeError(f"ns must be a list of qubit counts, got {type(ns).__name__}")
    ns = tuple(bounded_int("ns", v, minimum=2, maximum=10) for v in ns)
    if not 2 <= len(ns) <= 10:
        raise ValueError(f"ns must hold 2 to 10 qubit counts, got {len(ns)}")
    observable = choice("observable", observable, {"global", "local"})
    depth = choice("depth", depth, {"deep", "shallow"})
    repetitions = bounded_int("repetitions", repetitions, minimum=2, maximum=10_000)
    layers_per_qubit = bounded_int("layers_per_qubit", layers_per_qubit, maximum=20)
    gen = rng("seed", seed)
    ledger = Ledger()
    samples = np.empty((len(ns), repetitions))
    for i, n in enumerate(ns):
        for r in range(repetitions):
            circuit = layered_circuit(n, _layers(n, depth, layers_per_qubit), observable, gen)
            theta = gen.uniform(0.0, 2.0 * np.pi, size=circuit.M)
            samples[i, r] = gradients.grad_adjoint(circuit, theta, ledger=ledger)[0]
    return PlateauScan(np.array(ns), observable, depth, samples, ledger)


def fit_log2_slope(ns, variances, standard_errors) -> tuple[float, float, float]:
    """Weighted least squares of log2 Var = a + s n: returns (s, standard error of s, a).

    The standard error of log2 Var at each n is se / (Var ln 2) (the delta method).
    Introduced in chapter 8.
    """
    ns = real_array("ns", ns)
    if ns.ndim != 1 or ns.size < 3:
        raise ValueError(f"ns must be a list of at least 3 values, got shape {ns.shape}")
    variances = real_array("variances", variances, shape=ns.shape)
    standard_errors = real_array("standard_errors", standard_errors, shape=ns.shape)
    if np.any(variances <= 0):
        raise ValueError("variances must be positive")
    if np.any(standard_errors <= 0) or np.any(standard_errors > 1e6 * variances):
        raise ValueError("standard_errors must be positive and at most 1e6 times the variances")
    if np.unique(ns).size < 2:
        raise ValueError("ns must hold at least two different values")
    y = np.log2(variances)
    sigma = standard_errors / (variances * math.log(2))
    A = np.stack([np.ones_like(ns), ns], axis=1) / sigma[:, None]
    cov = np.linalg.inv(A.T @ A)
    a, s = cov @ (A.T @ (y / sigma))
    return float(s), float(math.sqrt(cov[1, 1])), float(a)


def fit_log2_chi2_per_dof(ns, variances, standard_errors) -> float:
    """chi^2 per degree of freedom of :func:`fit_log2_slope`'s line: ``sum r_i^2 / (len(ns) - 2)``.

    r_i is the residual of log2 Var at n_i over its standard error se_i / (Var_i ln 2). Near 1
    when the line and the standard errors fit the data; above 1 the errors are too small or the
    line is wrong, and the slope's standard error is commonly scaled by sqrt(chi^2 / dof).
    Needs at least 3 points. Introduced in chapter 8.
    """
    s, _, a = fit_log2_slope(ns, variances, standard_errors)
    ns = real_array("ns", ns)
    variances = real_array("variances", variances, shape=ns.shape)
    standard_errors = real_array("standard_errors", standard_errors, shape=ns.shape)
    sigma = standard_errors / (variances * math.log(2))
    with np.errstate(all="ignore"):
        residuals = (np.log2(variances) - (a + s * ns)) / sigma
        chi2 = float(np.sum(residuals**2) / (ns.size - 2))
    if not math.isfinite(chi2):
        raise ValueError(
            "variances and standard_errors give a chi^2 that is not finite: their entries are"
            " too large or too small for a float"
        )
    return chi2
