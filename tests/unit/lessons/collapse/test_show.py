"""Tests of chapter 5's presentation (qbp_lessons.lessons.collapse.show) and exercises
(qbp_lessons.lessons.collapse.exercises).

The explorer: one frame per grid point, every Stack jslinked to its slider, and
readings that read back the numbers of collapse.weak_measurement. The
exercises: the worked answers pass, the tempting wrong ones get their hint,
and a student's exception or wrong kind of answer becomes a verdict.
"""

import re

import ipywidgets as W
import matplotlib
import numpy as np
import pytest
from ipywidgets.widgets.widget_link import Link

from qbp_lessons.lessons import collapse as C
from qbp_lessons.engine import qinfo as Q
from qbp_lessons.exercises import EXERCISES, check
from qbp_lessons.lessons.collapse import show as S

ANGLES = np.pi * np.array([0.0, 0.25, 0.5])
STRENGTHS = np.linspace(0, 1, 5)


@pytest.fixture(scope="module")
def scan():
    return C.weak_measurement_scan(ANGLES, STRENGTHS)


@pytest.fixture(scope="module")
def explorer(scan):
    return S.weak_explorer(scan, default_angle=np.pi / 4, default_strength=0.5)


def _walk(widget, kind):
    found = [widget] if isinstance(widget, kind) else []
    for child in getattr(widget, "children", ()):
        found += _walk(child, kind)
    return found


def test_weak_explorer_sliders_and_defaults(explorer):
    sliders = [w for w in explorer.children if isinstance(w, W.SelectionSlider)]
    assert [s.description for s in sliders] == ["state: Bloch angle", "measurement strength s"]
    assert sliders[0].index == 1 and sliders[1].index == 2
    assert len(sliders[1].options) == len(STRENGTHS)


def test_weak_explorer_frames_and_links(explorer):
    html = [w.value for w in _walk(explorer, W.HTML)]
    images = [h for h in html if "<img" in h]
    overlays = [h for h in html if h.startswith("<svg")]
    readings = [h for h in html if "qbp-reading" in h]
    assert len(images) == len(ANGLES)  # one base figure per state
    assert len(overlays) == len(readings) == len(ANGLES) * len(STRENGTHS)
    assert all('alt="' in h for h in images)
    links = explorer._qbp_links
    assert all(isinstance(link, Link) for link in links)
    assert {link.source[1] for link in links} == {"index"}
    assert {link.target[1] for link in links} == {"selected_index"}


def test_weak_explorer_readings_read_back_the_results(explorer, scan):
    readings = [w.value for w in _walk(explorer, W.HTML) if "qbp-reading" in w.value]
    i = 0
    for a in ANGLES:
        for s in STRENGTHS:
            r = scan.get(a, s)
            text = re.sub(r"<[^>]+>", "", readings[i])
            i += 1
            numbers = [float(x) for x in re.findall(r"-?\d+\.\d+", text)]
            assert numbers[0] == pytest.approx(s, abs=0.0051)
            assert numbers[1] == pytest.approx(r.probabilities[0], abs=0.0051)
            assert f"{r.information:.3f}" in text and f"{r.disturbance:.3f}" in text


def test_weak_explorer_overlay_moves_with_strength(explorer):
    overlays = [w.value for w in _walk(explorer, W.HTML) if w.value.startswith("<svg")]
    # the dashed marker line is the only vertical line: its x grows with the strength
    xs = [
        float(re.search(r'<line x1="([\d.]+)" x2="\1"', o).group(1))
        for o in overlays[: len(STRENGTHS)]
    ]
    assert np.all(np.diff(xs) > 0)


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(scan="x"), TypeError, "scan must be a WeakScan"),
        (dict(default_angle=0.3), ValueError, "default_angle"),
        (dict(default_strength=0.33), ValueError, "default_strength"),
    ],
)
def test_weak_explorer_rejects_bad_input(scan, kwargs, error, match):
    args = {"scan": scan, **kwargs}
    with pytest.raises(error, match=match):
        S.weak_explorer(args.pop("scan"), **args)


def test_figures_draw_measured_markers_and_model_lines():
    copy = S.copy_figure(C.copy_scan(np.linspace(0, np.pi, 5)))
    ax = copy.axes[0]
    markers = [line for line in ax.lines if line.get_linestyle() == "None"]
    assert len(markers) == 3 and all(len(m.get_xdata()) == 5 for m in markers)
    states = [Q.random_state(2, s) for s in range(3)]
    fig = S.collapse_figure(
        C.collapse_scan(states, "XX", "ZI", 50, seed=1),
        C.collapse_scan(states, "XX", "ZZ", 50, seed=2),
    )
    assert len(fig.axes) == 2 and "anticommuting" in fig.axes[0].get_title()
    check = C.gentle_measurement_check(40, seed=3)
    g = S.gentle_figure(check, [C.tight_gentle_case(0.1, seed=4)])
    assert g.axes[0].get_xscale() == "log" and g.axes[0].get_yscale() == "log"
    for f in (copy, fig, g):
        assert isinstance(f, matplotlib.figure.Figure)


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: S.copy_figure("x"), TypeError),
        (lambda: S.collapse_figure(None, None), TypeError),
        (lambda: S.gentle_figure([1, 2]), TypeError),
        (lambda: S.weak_reading(3), TypeError),
    ],
)
def test_figures_reject_bad_input(call, error):
    with pytest.raises(error):
        call()


# --------------------------------------------------------------------------
# Exercises
# --------------------------------------------------------------------------


def test_chapter5_exercises_are_registered():
    assert {"5.1", "5.2", "5.3", "5.4"} <= set(EXERCISES)


def test_ex51(capsys):
    assert check("5.1", 1 - 1 / np.sqrt(2)) and check("5.1", 0.2929)
    assert not check("5.1", 0.5) and not check("5.1", np.pi / 4)
    assert not check("5.1", (1 - 1 / np.sqrt(2)) / 2) and not check("5.1", 1 / np.sqrt(2))
    out = capsys.readouterr().out
    assert "Hint 1" in out and "one cap" in out and "copied badly" in out
    assert "uniform on the sphere" in out


def test_ex51_answer_is_the_haar_fraction_measured_on_random_states():
    """The closed form 1 - 1/sqrt 2 and a seeded Haar sample of the CNOT's copies agree.

    2,000 states: the fraction's standard error is sqrt(p(1 - p)/2000) ~ 0.010; 4 of them allowed.
    """
    from qbp_lessons.lessons.collapse import exercises as ex5

    assert abs(ex5._ex51_expected() - (1 - 1 / np.sqrt(2))) < 1e-12
    rng = np.random.default_rng(510)
    good = [C.copy_report(Q.random_state(1, rng)).fidelity_copy >= 0.75 for _ in range(2000)]
    p = 1 - 1 / np.sqrt(2)
    assert abs(np.mean(good) - p) < 4 * np.sqrt(p * (1 - p) / 2000)


def test_ex52_flags_the_answer_that_ignores_collapse(capsys):
    assert check("5.2", 0.45)
    assert not check("5.2", 0.72)
    assert "before Z was measured" in capsys.readouterr().out


def test_ex53_accepts_lueders_and_names_the_usual_mistakes(capsys):
    def good(rho, effect):
        root = Q.operator_sqrt(effect)
        post = root @ rho @ root
        return post / np.trace(post)

    def squared(rho, effect):
        post = effect @ rho @ effect
        return post / np.trace(post)

    assert check("5.3", good)
    assert not check("5.3", squared)
    assert "projectors only" in capsys.readouterr().out
    assert not check("5.3", lambda rho, effect: 1 / 0)
    assert "ZeroDivisionError" in capsys.readouterr().out
    assert not check("5.3", lambda rho, effect: None)
    assert "returned None" in capsys.readouterr().out
    assert not check(
        "5.3", lambda rho, effect: np.sqrt(effect) @ rho @ np.sqrt(effect)
    )  # unnormalised, elementwise


def test_ex53_tries_a_two_qubit_projector(capsys):
    """A post_state that is right except on two-qubit projectors is caught."""

    def good(rho, effect):
        root = Q.operator_sqrt(effect)
        post = root @ rho @ root
        return post / np.trace(post)

    def wrong_on_two_qubit_projectors(rho, effect):
        if effect.shape == (4, 4) and np.allclose(effect @ effect, effect):
            return rho
        return good(rho, effect)

    assert check("5.3", good)
    assert not check("5.3", wrong_on_two_qubit_projectors)
    assert "4-dimensional" in capsys.readouterr().out


def test_ex54(capsys):
    assert check("5.4", 3)
    assert not check("5.4", 2)
    assert not check("5.4", 2.5)
    assert "whole number" in capsys.readouterr().out


def test_bloch_collapse_figure_draws_the_package_states():
    """One star before; two filled markers per strength at the package's post-measurement
    Bloch vectors (the projective ones on the poles), one hollow marker per strength."""
    rho = Q.density_matrix(np.array([np.cos(np.pi / 8), np.sin(np.pi / 8)]))
    results = [C.weak_measurement(rho, s) for s in (0.3, 0.7, 1.0)]
    fig = S.bloch_collapse_figure(results)
    ax = fig.axes[0]
    points = {
        (round(float(line.get_xdata()[0]), 9), round(float(line.get_ydata()[0]), 9))
        for line in ax.lines
        if line.get_linestyle() == "None" and len(line.get_xdata()) == 1
    }
    for r in results:
        for after in r.bloch_after:
            assert (round(after[0], 9), round(after[2], 9)) in points
        assert (round(r.bloch_average[0], 9), round(r.bloch_average[2], 9)) in points
    assert (0.0, 1.0) in points and (0.0, -1.0) in points  # projective: the poles
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_aspect() == 1.0


@pytest.mark.parametrize(
    "bad, error",
    [
        (3, TypeError),
        ([3], TypeError),
        ([], ValueError),
        ("mixed states", ValueError),
        ("decreasing", ValueError),
    ],
)
def test_bloch_collapse_figure_rejects_bad_input(bad, error):
    a = Q.density_matrix(np.array([1.0, 0.0]))
    b = Q.density_matrix(np.array([np.cos(0.4), np.sin(0.4)]))
    if bad == "mixed states":
        bad = [C.weak_measurement(a, 0.5), C.weak_measurement(b, 0.8)]
    elif bad == "decreasing":
        bad = [C.weak_measurement(b, 0.8), C.weak_measurement(b, 0.5)]
    with pytest.raises(error, match="measurements"):
        S.bloch_collapse_figure(bad)
