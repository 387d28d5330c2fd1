"""Tests of chapter 6's presentation (lessons.shadows.show) and exercises (its exercises).

The figures must draw what they are given (measured markers at the measured values,
model lines equal to costs.py), the explorer's frames must read back the bounds, and
the checkers must accept the right answers, reject wrong ones with the right hint and
turn a student's exception into a verdict.
"""

import base64
import html
import math
import re

import ipywidgets as W
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from qbp_lessons import costs  # noqa: E402
from qbp_lessons.engine.ledger import Ledger  # noqa: E402
from qbp_lessons.exercises import EXERCISES, check  # noqa: E402
from qbp_lessons.lessons.shadows import show as qs  # noqa: E402
from qbp_lessons.lessons.shadows import SampleScan, estimate_paulis  # noqa: E402


@pytest.fixture(scope="module")
def scan():
    M = np.array([10, 100, 1000])
    return SampleScan(
        M=M,
        snapshots=np.array([5000.0, 8000.0, 12000.0]),
        direct_shots=np.array([600.0, 9000.0, 120000.0]),
        eps=0.3,
        delta=0.1,
        locality=4,
        runs=20,
        ledger=Ledger(),
    )


def _lines(ax):
    return {line.get_label(): line for line in ax.get_lines()}


def test_scan_figure_draws_measured_markers_and_model_lines(scan):
    fig = qs.scan_figure(scan)
    ax = fig.axes[0]
    lines = _lines(ax)
    measured = lines["shadows, measured (20 runs)"]
    assert measured.get_linestyle() == "None" and measured.get_marker() not in ("", "None")
    assert np.array_equal(measured.get_xdata(), scan.M) and np.array_equal(
        measured.get_ydata(), scan.snapshots
    )
    direct = lines["direct, measured (20 runs)"]
    assert np.array_equal(direct.get_ydata(), scan.direct_shots)
    bound = next(line for label, line in lines.items() if label.startswith("shadows, bound"))
    assert bound.get_linestyle() == "-"
    assert np.array_equal(bound.get_ydata(), costs.shadow_snapshots(bound.get_xdata(), 0.3, 0.1, 4))
    shortcut = next(line for label, line in lines.items() if "not a bound" in label)
    assert shortcut.get_linestyle() == ":"
    assert np.allclose(bound.get_ydata() / shortcut.get_ydata(), 81, rtol=1e-3)
    assert (
        ax.get_xscale() == "log"
        and ax.get_yscale() == "log"
        and ax.get_xlabel()
        and ax.get_ylabel()
    )
    plt.close(fig)


def test_scan_figure_rejects_other_objects():
    with pytest.raises(TypeError, match="scan must be a SampleScan"):
        qs.scan_figure({"M": [1]})


def test_classical_cost_figure_draws_what_it_is_given():
    n = np.array([6, 8, 10])
    seconds, nbytes = np.array([1e-5, 4e-5, 2e-4]), np.array([3e3, 1.2e4, 5e4])
    fig = qs.classical_cost_figure(n, seconds, nbytes)
    left, right = fig.axes
    assert np.array_equal(_lines(left)["measured"].get_ydata(), seconds)
    assert np.array_equal(_lines(right)["measured peak"].get_ydata(), nbytes)
    model = next(line for label, line in _lines(left).items() if label.startswith("model"))
    assert model.get_ydata()[-1] == pytest.approx(seconds[-1])  # scaled through the last point
    plt.close(fig)


@pytest.mark.parametrize(
    "args, error, match",
    [
        (([6], [1e-3], [1e3]), ValueError, "at least two"),
        (([6, 8], [1e-3], [1e3, 2e3]), ValueError, "seconds must have shape"),
        (([6, 8], [1e-3, -1.0], [1e3, 2e3]), ValueError, "positive"),
        (("68", [1e-3], [1e3]), TypeError, "n_values"),
    ],
)
def test_classical_cost_figure_rejects_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        qs.classical_cost_figure(*args)


def test_shadow_reading_reads_the_bounds():
    text = qs.shadow_reading(1000, 2, 0.1, 0.01)
    shadows = float(costs.shadow_snapshots(1000, 0.1, 0.01, 2))
    direct = float(costs.direct_measurement_shots(1000, 0.1, 0.01))
    assert qs.format_number(shadows) in text and qs.format_number(direct) in text
    assert "34\u00b73^2 = 306" in text and "9\u00d7 too few" in text
    assert "shadows need" in text  # M = 1000 > 306: shadows win
    assert "direct measurement needs" in qs.shadow_reading(100, 2, 0.1, 0.01)


@pytest.mark.parametrize(
    "args, error, match",
    [
        ((0, 2, 0.1, 0.01), ValueError, "M"),
        ((10, 0, 0.1, 0.01), ValueError, "k"),
        ((10, 2, 0.0, 0.01), ValueError, "eps"),
        ((10, 2, 0.1, 1.0), ValueError, "delta"),
        ((10, 2, 0.1, 0.0), ValueError, "delta"),
        ((10.5, 2, 0.1, 0.1), TypeError, "M"),
    ],
)
def test_shadow_reading_rejects_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        qs.shadow_reading(*args)


@pytest.fixture(scope="module")
def explorer():
    return qs.shadow_explorer(
        M_values=(10, 1000, 100_000),
        k_values=(1, 3),
        eps_values=(0.1,),
        delta_values=(0.1, 0.01),
        default_M=1000,
        default_k=3,
        default_eps=0.1,
        default_delta=0.01,
    )


def test_shadow_explorer_sliders_frames_and_links(explorer):
    sliders = [c for c in explorer.children if isinstance(c, W.SelectionSlider)]
    assert [s.description for s in sliders] == [
        "Pauli strings M",
        "weight k",
        "precision \u03b5",
        "failure probability \u03b4",
    ]
    assert [s.index for s in sliders] == [1, 1, 0, 1]
    plot, reading = explorer.children[4], explorer.children[5]
    base, marker = plot.children
    # figure: k -> eps -> delta; every leaf a PNG whose alt text names its k
    for i_k, k in enumerate((1, 3)):
        for i_d, _ in enumerate((0.1, 0.01)):
            frame = base.children[i_k].children[0].children[i_d].value
            m = re.fullmatch(
                r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)" .*/>', frame
            )
            assert m and base64.b64decode(m.group(1))[:8] == b"\x89PNG\r\n\x1a\n"
            assert f"weight-{k} Pauli strings" in html.unescape(m.group(2))
    # markers depend on M only and move right with M
    xs = [
        float(re.search(r'<line x1="([\d.]+)"', child.value).group(1)) for child in marker.children
    ]
    assert len(xs) == 3 and xs[0] < xs[1] < xs[2]
    # readings: M -> k -> eps -> delta, each the reading of its grid point
    for i_M, M in enumerate((10, 1000, 100_000)):
        for i_k, k in enumerate((1, 3)):
            for i_d, delta in enumerate((0.1, 0.01)):
                leaf = reading.children[i_M].children[i_k].children[0].children[i_d].value
                inner = re.fullmatch(r'<p class="qbp-reading"[^>]*>(.*)</p>', leaf).group(1)
                assert html.unescape(inner) == qs.shadow_reading(M, k, 0.1, delta)
    assert explorer._qbp_links and all(link.source[1] == "index" for link in explorer._qbp_links)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(default_M=7), ValueError, "default_M"),
        (dict(default_k=9), ValueError, "default_k"),
        (dict(delta_values=(0.1, 1.5)), ValueError, "delta_values"),
        (dict(k_values="12"), TypeError, "k_values"),
    ],
)
def test_shadow_explorer_rejects_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        qs.shadow_explorer(**kwargs)


# --------------------------------------------------------------------------
# Exercises
# --------------------------------------------------------------------------


def _fresh(ex):
    EXERCISES[ex].attempts = 0


@pytest.mark.parametrize(
    "ex, right, wrong",
    [
        ("6.1", 0.3 * math.sqrt(2), 0.5),  # 2 sin(pi/4) 0.3
        ("6.2", 3.5, 3.6),
        ("6.3", 82, 83),
    ],
)
def test_number_exercises(ex, right, wrong, capsys):
    _fresh(ex)
    assert check(ex, right) is True
    assert check(ex, wrong) is False
    assert "Hint 1" in capsys.readouterr().out
    assert check(ex, float(f"{right:.4g}")) is True  # four significant figures by hand
    assert check(ex, "0.3") is False and "expected" in capsys.readouterr().out


def test_exercise_6_2_explains_the_classic_slips(capsys):
    _fresh("6.2")
    assert check("6.2", 4) is False and "independent" in capsys.readouterr().out
    assert check("6.2", 4.5) is False and "second moment" in capsys.readouterr().out
    assert check("6.2", 0) is False and "eigenstate" in capsys.readouterr().out


def test_exercise_6_2_answer_is_the_sampled_variance_of_snapshot_estimates():
    """Seeded snapshots of the Bell state: the per-snapshot (x + z)/2 has the checker's variance.

    o takes the values 0 and +-4.5, so E[o^4] = 4.5^4 * 2/9 and the sample variance over T
    snapshots has a standard error of about sqrt(E[o^4] - E[o^2]^2 / T); 5 of them is the bound.
    """
    from qbp_lessons.lessons import shadows
    from qbp_lessons.lessons.shadows import exercises as X

    T = 200_000
    shadow = shadows.measure_shadow(X.bell_state(), T, seed=62)
    letters = {"XX": 0, "ZZ": 2}
    parts = []
    for label, letter in letters.items():
        match = np.all(shadow.recipes == letter, axis=1)
        signs = np.prod(1 - 2 * shadow.bits.astype(int), axis=1)
        parts.append(9.0 * match * signs)
    o = (parts[0] + parts[1]) / 2
    second = (9 + 9) / 4
    tolerance = 5 * math.sqrt((4.5**4 * 2 / 9 - second**2) / T)
    assert abs(o.var() - X._ex62_expected()) < tolerance
    assert X._ex62_expected() == pytest.approx(3.5, abs=1e-12)


def test_exercise_6_3_counts_shots_and_snapshots_at_the_rms_target():
    from fractions import Fraction

    from qbp_lessons.lessons.shadows import exercises as X

    shift, snapshots = X._ex63_copies(81)  # at M = 3^k the two are equal
    assert shift == snapshots == Fraction(3**4) / Fraction(1, 100)
    shift, snapshots = X._ex63_copies(82)
    assert snapshots < shift
    assert X._ex63_expected() == 3**4 + 1


def test_exercise_6_1_explains_the_two_classic_slips(capsys):
    _fresh("6.1")
    assert check("6.1", 0.3) is False and "tr(rho Q)" in capsys.readouterr().out
    assert check("6.1", 0.6) is False and "no longer 1" in capsys.readouterr().out


def test_exercise_6_1_answer_comes_from_the_engine():
    from qbp_lessons.lessons.shadows import exercises as X

    # <Y> = -sin(2t) = sin(pi/4) at t = -pi/8: the answer differs from tr(rho Q) = 0.3 and from 2
    # tr(rho Q)
    assert X._ex61_expected() == pytest.approx(2 * math.sin(math.pi / 4) * 0.3, abs=1e-12)


def _estimator(recipes, bits, label):
    wires = [w for w, ch in enumerate(label) if ch != "I"]
    letters = np.array(["XYZ".index(label[w]) for w in wires], dtype=int)
    match = np.all(recipes[:, wires] == letters, axis=1)
    signs = np.prod(1 - 2 * bits[:, wires].astype(int), axis=1)
    return float(np.mean(match * signs * 3.0 ** len(wires)))


def test_code_exercise_accepts_a_correct_estimator_and_explains_wrong_ones(capsys):
    _fresh("6.4")
    assert check("6.4", _estimator) is True
    assert (
        check("6.4", lambda r, b, lab: _estimator(r, b, lab) / 3 ** sum(c != "I" for c in lab))
        is False
    )
    assert "3^k is missing" in capsys.readouterr().out
    assert check("6.4", lambda r, b, lab: -_estimator(r, b, lab)) is False
    assert "sign is flipped" in capsys.readouterr().out
    assert check("6.4", lambda r, b, lab: 1 / 0) is False
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert check("6.4", lambda r, b, lab: None) is False
    assert check("6.4", 3.0) is False and "a function" in capsys.readouterr().out


def test_code_exercise_reference_is_the_package_estimator():
    """The checker compares with shadows.estimate_paulis: a hand-made value on a tiny shadow."""
    from qbp_lessons.lessons.shadows import Shadow

    shadow = Shadow(np.array([[0, 2], [0, 1], [2, 2]]), np.array([[0, 1], [1, 0], [0, 0]]))
    # XZ: snapshot 0 matches (signs +1, -1 -> -9), the others do not: mean -3
    assert estimate_paulis(shadow, ["XZ"])[0] == pytest.approx(-3.0)
    assert _estimator(shadow.recipes, shadow.bits, "XZ") == pytest.approx(-3.0)


def test_single_copy_figure_draws_the_bounds_as_lines():
    fig = qs.single_copy_figure((5, 10), M_max=1e6)
    lines = _lines(fig.axes[0])
    solid = lines["one copy at a time, n = 5: min(M, 2\u207f)"]
    assert solid.get_marker() in ("", "None")
    M = solid.get_xdata()
    assert np.array_equal(solid.get_ydata(), costs.single_copy_lower_bound(M, 5))
    dotted = lines["with quantum memory, n = 10: n log\u00b2M"]
    assert dotted.get_linestyle() == ":"
    assert np.allclose(dotted.get_ydata(), costs.shadow_tomography_copies(M, 1.0, 10) / math.log(2))
    plt.close("all")
    with pytest.raises(ValueError, match="n_values"):
        qs.single_copy_figure((0,))
    with pytest.raises(TypeError, match="n_values"):
        qs.single_copy_figure(5)
    with pytest.raises(ValueError, match="M_max"):
        qs.single_copy_figure((5,), M_max=2)


def test_reduction_figure_draws_the_package_circuit_gate_by_gate():
    from qbp_lessons.engine import circuits
    from qbp_lessons.lessons.shadows import reduction_circuit

    prep = circuits.Circuit(2, ["YI", "XY"])
    strings = ["ZI", "XZ", "IY"]
    fig = qs.reduction_figure(prep, strings)
    ax = fig.axes[0]
    circuit = reduction_circuit(prep, strings)
    # one box per non-identity letter of every gate, plus the meter on the ancilla
    letters = sum(g.weight for g in circuit.generators)
    boxes = [p for p in ax.patches if isinstance(p, matplotlib.patches.Rectangle)]
    assert len(boxes) == letters + 1
    # the letters drawn in column j are the j-th generator's, wire by wire
    drawn = {}
    for t in ax.texts:
        x, y = t.get_position()
        if t.get_text() in ("X", "Y", "Z") and float(x).is_integer() and float(y).is_integer():
            drawn[(int(x), int(y))] = t.get_text()
    want = {(j, w): g.label[w] for j, g in enumerate(circuit.generators) for w in g.support}
    assert drawn == want
    # colours: the ancilla gate, the preparation, the reduction gates
    colours = {b.get_facecolor()[:3] for b in boxes if b.get_x() < circuit.M}
    assert len(colours) == 3
    texts = [t.get_text() for t in ax.texts]
    assert "\u27e8Z\u27e9" in texts and "\u2212\u03c0/4" in texts and "\u03b83" in texts
    plt.close("all")


def test_gate_list_figure_refuses_bad_input():
    from qbp_lessons.engine import circuits

    c = circuits.Circuit(2, ["XI", "ZZ"])
    with pytest.raises(ValueError, match="kinds"):
        qs.gate_list_figure(c, ["prep"], ["a", "b"], ["w0", "w1"])
    with pytest.raises(ValueError, match="labels"):
        qs.gate_list_figure(c, ["prep", "prep"], ["a"], ["w0", "w1"])
    with pytest.raises(ValueError, match="wire_names"):
        qs.gate_list_figure(c, ["prep", "prep"], ["a", "b"], ["w0"])
    with pytest.raises(TypeError, match="circuit"):
        qs.gate_list_figure("XI", ["prep"], ["a"], ["w0", "w1"])
    with pytest.raises(ValueError, match="too large"):
        big = circuits.random_circuit(2, 41, seed=0)
        qs.gate_list_figure(big, ["prep"] * 41, ["a"] * 41, ["w0", "w1"])
