"""Chapter 3's presentation (lessons.param_shift.show): figures read back, explorer frames, links.

The figures are checked by reading their data back (every plotted number must be the
scan's counted value or the cost model's), the explorer by its frames, links and readings.
"""

import base64
import html
import re

import ipywidgets as W
import matplotlib
import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons.engine import circuits as C
from qbp_lessons.lessons import param_shift as PS
from qbp_lessons.lessons.param_shift import show as SP
from qbp_lessons.show import format_number

M_VALUES = [2, 4, 8]
EPS_VALUES = [0.2, 0.1]


@pytest.fixture(scope="module")
def scans():
    return [PS.shots_for_accuracy(M_VALUES, eps, reps=5, seed=3) for eps in EPS_VALUES]


@pytest.fixture(scope="module")
def explorer(scans):
    return SP.accuracy_explorer(scans, default_M=4, default_eps=0.1)


# --------------------------------------------------------------------------
# shift_rule_figure and shift_variance_figure
# --------------------------------------------------------------------------


def _slice(seed=4):
    circuit = C.random_circuit(3, 5, seed=seed)
    theta = C.random_parameters(5, seed=seed + 1)

    def f(x):
        th = theta.copy()
        th[2] = x
        return C.expval(circuit, th)

    return f, float(theta[2])


@pytest.mark.parametrize("r", [0.5, 1.0, 2.0])
def test_shift_rule_figure_draws_the_rule(r):
    f, x0 = _slice()

    def g(x):  # a gate with eigenvalues +-r
        return f(r * x)

    fig = SP.shift_rule_figure(PS.shift_rule_scan(g, x0 / r, r=r))
    assert isinstance(fig, matplotlib.figure.Figure) and len(fig.axes) == 1
    ax = fig.axes[0]
    assert ax.get_xlabel() and ax.get_ylabel()
    curve, tangent, shifted = ax.lines[:3]
    xs = curve.get_xdata()  # one period pi/r around x0
    assert xs[-1] - xs[0] == pytest.approx(np.pi / r)
    sx, sy = shifted.get_xdata(), shifted.get_ydata()  # the two evaluations, on f
    assert np.allclose(sx, [x0 / r - np.pi / (4 * r), x0 / r + np.pi / (4 * r)])
    assert np.allclose(sy, [g(float(x)) for x in sx])
    tx, ty = tangent.get_xdata(), tangent.get_ydata()  # the tangent's slope is the rule's
    slope = (ty[1] - ty[0]) / (tx[1] - tx[0])
    assert slope == pytest.approx(PS.shift_derivative(g, x0 / r, r=r), abs=1e-12)
    assert np.mean(tx) == pytest.approx(x0 / r) and np.mean(ty) == pytest.approx(g(x0 / r))


@pytest.mark.parametrize(
    "args, error, match",
    [(("not a scan",), TypeError, r"^scan\b"), ((None, 3), TypeError, r"^xlabel\b")],
)
def test_shift_rule_figure_rejects_bad_input(args, error, match):
    if args[0] is None:
        args = (PS.shift_rule_scan(np.sin, 0.1),) + args[1:]
    with pytest.raises(error, match=match):
        SP.shift_rule_figure(*args)


def test_shift_variance_figure_draws_what_it_is_given():
    def f(x):
        return -0.6 + 0.3 * np.cos(2 * x) + 0.1 * np.sin(2 * x)

    s = np.linspace(0.1, 1.4, 30)
    var = np.array([PS.shift_variance(f, 0.2, x) for x in s])
    bound = 2 / np.sin(2 * s) ** 2
    best = PS.best_shift(f, 0.2)
    fig = SP.shift_variance_figure(s, var, bound, best, {0.5: 1.3})
    ax = fig.axes[0]
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_yscale() == "log"
    ys = [line.get_ydata() for line in ax.lines]
    assert any(np.array_equal(y, var) for y in ys) and any(np.array_equal(y, bound) for y in ys)
    star = [line for line in ax.lines if line.get_marker() == "*"][0]
    assert star.get_xdata()[0] == best[0] and star.get_ydata()[0] == best[1]
    assert any(list(line.get_ydata()) == [1.3] for line in ax.lines)  # the measured marker


@pytest.mark.parametrize(
    "args, error",
    [
        (([1.0], [1.0], [1.0], (1, 1)), ValueError),
        (([1.0, 2.0], [1.0], [1.0, 2.0], (1, 1)), ValueError),
        (([1.0, 2.0], [1.0, 2.0], [1.0, 2.0], 1.0), TypeError),
        (([1.0, 2.0], [1.0, 2.0], [1.0, 2.0], (1, 1), [1]), TypeError),
    ],
)
def test_shift_variance_figure_rejects_bad_input(args, error):
    with pytest.raises(error):
        SP.shift_variance_figure(*args)


# --------------------------------------------------------------------------
# shot_noise_figure
# --------------------------------------------------------------------------


def test_shot_noise_figure_plots_the_scan():
    circ = C.random_circuit(3, 6, seed=1)
    scan = PS.error_vs_shots(circ, C.random_parameters(6, seed=2), [10, 100, 1000], reps=20, seed=3)
    fig = SP.shot_noise_figure(scan)
    left, right = fig.axes
    assert left.get_xscale() == left.get_yscale() == "log" and right.get_xscale() == "log"
    assert all(ax.get_xlabel() and ax.get_ylabel() for ax in (left, right))
    bound, predicted, measured = left.lines
    assert np.array_equal(measured.get_xdata(), scan.shots) and np.allclose(
        measured.get_ydata(), scan.rms_error
    )
    # the lines are sqrt(c / N) with the scan's bound and predicted constants
    for line, values in ((bound, scan.bound_rms), (predicted, scan.predicted_rms)):
        interp = np.sqrt(values[0] ** 2 * scan.shots[0] / line.get_xdata())
        assert np.allclose(line.get_ydata(), interp)
    *_, measured_var = right.lines
    assert np.allclose(measured_var.get_ydata(), scan.sample_variance * scan.shots)
    assert right.lines[0].get_ydata()[0] == pytest.approx(2.0)  # 2 sum c^2 for Z on wire 0


def test_shot_noise_figure_rejects_other_objects(scans):
    with pytest.raises(TypeError, match=r"^scan\b"):
        SP.shot_noise_figure(scans[0])


# --------------------------------------------------------------------------
# accuracy_figure
# --------------------------------------------------------------------------


def test_accuracy_figure_puts_counted_points_on_the_models(scans):
    delta_scan = PS.shots_for_accuracy(M_VALUES, 0.1, delta=0.1, reps=5, seed=3)
    fig = SP.accuracy_figure([scans[1], delta_scan])
    left, right = fig.axes
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any("backprop scaling" in label for label in labels)
    assert any("\u03b4 = 0.1" in label for label in labels) and any(
        "rms error" in label for label in labels
    )
    for ax, counted, model in (
        (left, "total_shots", costs.param_shift_shots),
        (right, "gates", costs.param_shift_time),
    ):
        points = [line for line in ax.lines if line.get_linestyle() == "None"]
        curves = [line for line in ax.lines if line.get_linestyle() != "None"]
        assert len(points) == 2
        for line, scan in zip(points, (scans[1], delta_scan)):
            assert np.array_equal(line.get_xdata(), scan.M)
            assert np.array_equal(line.get_ydata(), getattr(scan, counted))
        for scan in (scans[1], delta_scan):
            match = [
                c
                for c in curves
                if np.allclose(c.get_ydata(), model(c.get_xdata(), 0.1, scan.delta))
            ]
            assert match, f"no model curve for delta = {scan.delta}"
    backprop_scaling = [
        c
        for c in right.lines
        if np.allclose(c.get_ydata(), costs.backprop_scaling_time(c.get_xdata(), 0.1))
    ]
    assert backprop_scaling


def test_accuracy_figure_draws_the_measured_shots_apart_from_the_models(scans):
    needed = PS.shots_needed(M_VALUES, 0.1, seeds=20, seed=3)
    fig = SP.accuracy_figure([scans[1]], needed=[needed])
    left, right = fig.axes
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert any("measured by bisection" in label for label in labels)
    for ax, measured in ((left, needed.total_shots), (right, needed.gates)):
        diamonds = [line for line in ax.lines if line.get_marker() == "D"]
        assert len(diamonds) == 1 and diamonds[0].get_linestyle() == "None"
        assert np.array_equal(diamonds[0].get_ydata(), measured)
    with pytest.raises(TypeError, match="needed"):
        SP.accuracy_figure([scans[1]], needed=[scans[1]])
    with pytest.raises(TypeError, match="needed"):
        SP.accuracy_figure([scans[1]], needed="x")


@pytest.mark.parametrize(
    "args, error, match",
    [
        ((None,), TypeError, r"^scans\b"),
        (([],), ValueError, r"^scans\b"),
        ((["scan"],), TypeError, r"^scans\b"),
        ((None, "function"), TypeError, r"^methods\b"),
        ((None, ["nope"]), ValueError, r"^methods\b"),
        ((None, ["param_shift"]), ValueError, r"^methods\b"),
    ],
)
def test_accuracy_figure_rejects_bad_input(scans, args, error, match):
    args = (scans[0] if args[0] is None and len(args) > 1 else args[0],) + args[1:]
    with pytest.raises(error, match=match):
        SP.accuracy_figure(*args)


# --------------------------------------------------------------------------
# accuracy_reading and accuracy_explorer
# --------------------------------------------------------------------------


def _ints(text):
    return [int(t.replace(",", "")) for t in re.findall(r"\d[\d,]*(?![\d.])", text)]


@pytest.mark.parametrize("i", range(len(M_VALUES)))
def test_accuracy_reading_reads_back_the_scan(scans, i):
    scan, M = scans[1], M_VALUES[i]
    text = SP.accuracy_reading(scan, M)
    assert text.startswith(
        f"At M = {M} and \u03b5 = 0.1: counted {2 * M} circuit executions of "
        f"{scan.shots_per_circuit[i]} shots, "
    )
    assert f"{scan.total_shots[i]:,} shots (model {costs.param_shift_shots(M, 0.1):,})" in text
    assert f"{scan.gates[i]:,} gate applications (model {costs.param_shift_time(M, 0.1):,})" in text
    assert (
        f"rms error {scan.rms_error[i]:.3f}" in text and f"errors {scan.max_error[i]:.3f}" in text
    )
    ratio = re.search(r"\), (\S+) \u00d7 TIME\(F\)", text).group(1)
    assert float(ratio.replace(",", "")) == pytest.approx(4 * M)
    assert "within \u03b5 in" not in text  # no success rate for the rms target


def test_accuracy_reading_with_delta_reports_the_success_rate():
    scan = PS.shots_for_accuracy([3, 5], 0.2, delta=0.1, reps=4, seed=1)
    text = SP.accuracy_reading(scan, 5)
    assert (
        "probability \u2265 0.9" in text
        and f"within \u03b5 in {scan.success_rate[1]:.0%} of them" in text
    )
    assert f"{scan.shots_per_circuit[1]:,} shots" in text


@pytest.mark.parametrize(
    "M, error, match",
    [(3, ValueError, r"^M\b"), (2.0, TypeError, r"^M\b"), (True, TypeError, r"^M\b")],
)
def test_accuracy_reading_rejects_bad_M(scans, M, error, match):
    with pytest.raises(error, match=match):
        SP.accuracy_reading(scans[0], M)


def test_accuracy_explorer_sliders_frames_and_links(explorer, scans):
    eps_slider, M_slider, plot, reading = explorer.children
    assert isinstance(eps_slider, W.SelectionSlider) and isinstance(M_slider, W.SelectionSlider)
    assert [label for label, _ in eps_slider.options] == ["0.2", "0.1"] and eps_slider.index == 1
    assert [label for label, _ in M_slider.options] == ["2", "4", "8"] and M_slider.index == 1
    assert "qbp-explorer" in explorer._dom_classes
    base, marker = plot.children
    assert len(base.children) == len(EPS_VALUES)
    for eps, frame in zip(EPS_VALUES, base.children):
        m = re.fullmatch(
            r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)" .*/>', frame.value
        )
        assert m and base64.b64decode(m.group(1))[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"\u03b5 = {format_number(eps)}" in html.unescape(m.group(2))
    for i_eps, scan in enumerate(scans):
        assert len(marker.children[i_eps].children) == len(M_VALUES)
        for i_M, M in enumerate(M_VALUES):
            frame = reading.children[i_eps].children[i_M].value
            inner = re.fullmatch(r'<p class="qbp-reading"[^>]*>(.*)</p>', frame).group(1)
            assert html.unescape(inner) == SP.accuracy_reading(scan, M)
            svg = marker.children[i_eps].children[i_M].value
            assert svg.startswith("<svg") and svg.count("<line") == 2 and svg.count("<circle") == 2
    linked = {id(link.target[0]): link for link in explorer._qbp_links}
    expected = [(base, eps_slider), (marker, eps_slider), (reading, eps_slider)]
    expected += [(inner, M_slider) for inner in marker.children + reading.children]
    assert len(explorer._qbp_links) == len(expected)
    for stack, slider in expected:
        assert linked[id(stack)].source == (slider, "index")
        assert stack.selected_index == slider.index


def test_accuracy_explorer_markers_follow_the_measurement(explorer, scans):
    marker = explorer.children[2].children[1]
    for i_eps in range(len(EPS_VALUES)):
        xs, ys = [], []
        for i_M in range(len(M_VALUES)):
            svg = marker.children[i_eps].children[i_M].value
            width, height = map(int, re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups())
            circles = [
                (float(x), float(y)) for x, y in re.findall(r'cx="([\d.]+)" cy="([\d.]+)"', svg)
            ]
            lines = [float(x) for x in re.findall(r'<line x1="([\d.]+)"', svg)]
            assert [c[0] for c in circles] == pytest.approx(lines)  # ring on its M line
            assert all(0 < x < width and 0 < y < height for x, y in circles)
            xs.append([c[0] for c in circles])
            ys.append([c[1] for c in circles])
        xs, ys = np.array(xs), np.array(ys)
        # more M: further right; more shots and gates: higher (SVG y grows downwards)
        assert np.all(np.diff(xs, axis=0) > 0) and np.all(np.diff(ys, axis=0) < 0)
        # log axes: doubling M moves the same distance, and gates (~M^2) climb twice as fast as
        # shots (~M)
        assert np.allclose(np.diff(xs, axis=0), np.diff(xs, axis=0)[0], atol=0.15)
    # the same M sits at the same x for every eps (shared axis limits)
    first = [
        re.search(r'<line x1="([\d.]+)"', marker.children[0].children[i].value).group(1)
        for i in range(3)
    ]
    second = [
        re.search(r'<line x1="([\d.]+)"', marker.children[1].children[i].value).group(1)
        for i in range(3)
    ]
    assert first == second


@pytest.mark.parametrize(
    "make, error, match",
    [
        (lambda s: SP.accuracy_explorer([]), ValueError, r"^scans\b"),
        (lambda s: SP.accuracy_explorer("scan"), TypeError, r"^scans\b"),
        (lambda s: SP.accuracy_explorer([s[0], s[0]]), ValueError, r"distinct eps"),
        (
            lambda s: SP.accuracy_explorer(
                [s[0], PS.shots_for_accuracy([2, 4], 0.1, reps=2, seed=0)]
            ),
            ValueError,
            r"same M",
        ),
        (
            lambda s: SP.accuracy_explorer(
                [s[0], PS.shots_for_accuracy(M_VALUES, 0.1, delta=0.1, reps=2, seed=0)]
            ),
            ValueError,
            r"same delta",
        ),
        (lambda s: SP.accuracy_explorer(s, default_M=5), ValueError, r"^default_M\b"),
        (lambda s: SP.accuracy_explorer(s, default_eps=0.3), ValueError, r"^default_eps\b"),
        (lambda s: SP.accuracy_explorer(s, methods=["param_shift"]), ValueError, r"^methods\b"),
        (lambda s: SP.accuracy_explorer(s, methods="function"), TypeError, r"^methods\b"),
    ],
)
def test_accuracy_explorer_rejects_bad_input(scans, make, error, match):
    with pytest.raises(error, match=match):
        make(scans)
