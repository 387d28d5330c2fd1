"""Tests of qbp_lessons.show without a browser: the structure of the
precomputed frames, the jslinks that switch them, the readings (checked
against qbp_lessons.costs), number formatting and the input checks.

The default cost explorer takes a few seconds to build, so it is built once."""

import base64
import html
import re

import ipywidgets as W
from ipywidgets.widgets.widget_link import Link
import numpy as np
import pytest

from qbp_lessons import costs
from qbp_lessons import show as qw

SUPERSCRIPTS = dict(
    zip("\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079", "-0123456789")
)


def parse_number(text: str) -> float:
    """Read back a format_number string: '1,000', '10⁶', '2.9×10⁵', '0.01'."""
    if "10" in text and any(ch in SUPERSCRIPTS for ch in text):
        mantissa, _, power = text.rpartition("10")
        exponent = int("".join(SUPERSCRIPTS[ch] for ch in power))
        return (float(mantissa.rstrip("\u00d7")) if mantissa else 1.0) * 10.0**exponent
    return float(text.replace(",", ""))


def precision_of(text: str) -> float:
    """Half a unit in the last printed digit of a format_number string."""
    value = parse_number(text)
    if "\u00d7" in text:  # a.b×10ⁿ
        mantissa, exponent = text.split("\u00d7")
        decimals = len(mantissa.split(".")[1]) if "." in mantissa else 0
        return 0.5 * 10.0 ** (-decimals) * value / float(mantissa)
    if any(ch in SUPERSCRIPTS for ch in text):  # 10ⁿ: printed when the mantissa rounds to 1.0
        return 0.05 * value
    digits = text.replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return 0.5 * 10.0 ** (-decimals)


# --------------------------------------------------------------------------
# format_number
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "x, expected",
    [
        (1, "1"),
        (0, "0"),
        (7.0, "7"),
        (1000, "1,000"),
        (12345, "12,345"),
        (99_999, "99,999"),
        (123.4, "123"),  # at least 100: whole number
        (1e6, "10\u2076"),
        (3e5, "3.0\u00d710\u2075"),
        (2.9e5, "2.9\u00d710\u2075"),
        (4.2e13, "4.2\u00d710\u00b9\u00b3"),
        (1e9, "10\u2079"),
        (9.99e5, "10\u2076"),  # 9.99 rounds up to 10
        (0.01, "0.01"),
        (0.001, "0.001"),
        (0.003, "0.003"),
        (0.1, "0.1"),
        (3.14159, "3.1"),
        (1e-4, "10\u207b\u2074"),
        (2.5e-7, "2.5\u00d710\u207b\u2077"),
    ],
)
def test_format_number_examples(x, expected):
    assert qw.format_number(x) == expected


def test_format_number_digits_and_numpy_scalars():
    assert qw.format_number(1.234e6, digits=3) == "1.23\u00d710\u2076"
    assert qw.format_number(3e6, digits=1) == "3\u00d710\u2076"
    assert qw.format_number(np.float64(3e5)) == "3.0\u00d710\u2075"
    assert qw.format_number(np.int64(1000)) == "1,000"
    assert qw.format_number(np.array(1000.0)) == "1,000"  # 0-d arrays are scalars


@pytest.mark.parametrize(
    "x", [1, 17, 999, 1234, 99_999, 1e5, 3e5, 2.9e7, 1.5e12, 6.02e23, 0.01, 0.25, 0.003, 1.7e-5]
)
def test_format_number_reads_back_within_its_precision(x):
    text = qw.format_number(x)
    assert abs(parse_number(text) - x) <= precision_of(text) * (1 + 1e-9)


@pytest.mark.parametrize(
    "x", ["5", None, 1 + 2j, True, np.bool_(False), [1.0], np.array([1.0]), b"1"]
)
def test_format_number_rejects_non_numbers(x):
    with pytest.raises(TypeError, match=r"^x\b"):
        qw.format_number(x)


@pytest.mark.parametrize(
    "digits, error",
    [
        (0, ValueError),
        (-1, ValueError),
        (1.5, TypeError),
        ("2", TypeError),
        (None, TypeError),
        (True, TypeError),
    ],
)
def test_format_number_rejects_bad_digits(digits, error):
    with pytest.raises(error, match=r"^digits\b"):
        qw.format_number(3e5, digits=digits)


# --------------------------------------------------------------------------
# Axis and frame_explorer with a toy render function
# --------------------------------------------------------------------------


def test_axis_defaults_and_labels():
    axis = qw.Axis("M", "parameters M", [1, 1000, 10**6], 1000)
    assert axis.index_of_default() == 1
    assert axis.option_labels() == ["1", "1,000", "10\u2076"]
    assert qw.Axis("M", "M", [1, 2]).index_of_default() == 0
    assert qw.Axis("s", "scheme", ["forward", "central"], labels=["F", "C"]).option_labels() == [
        "F",
        "C",
    ]


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(name=3, description="a", values=[1]), TypeError, r"^name\b"),
        (dict(name=None, description="a", values=[1]), TypeError, r"^name\b"),
        (dict(name="a", description=None, values=[1]), TypeError, r"^description\b"),
        (dict(name="a", description="a", values=5), TypeError, r"^values\b"),
        (dict(name="a", description="a", values=None), TypeError, r"^values\b"),
        (dict(name="a", description="a", values="abc"), TypeError, r"^values\b"),
        (dict(name="a", description="a", values=[]), ValueError, r"^values\b"),
        (dict(name="a", description="a", values=[1, 2], default=3), ValueError, r"^default\b"),
        (dict(name="a", description="a", values=[1, 2], labels=["one"]), ValueError, r"^labels\b"),
        (dict(name="a", description="a", values=[1, 2], labels="ab"), TypeError, r"^labels\b"),
    ],
)
def test_axis_rejects_bad_input(kwargs, error, match):
    with pytest.raises(error, match=match):
        qw.Axis(**kwargs)


class Recorder:
    """A render function that records its calls and returns a recognisable frame."""

    def __init__(self, tag):
        self.tag, self.calls = tag, []

    def __call__(self, **values):
        self.calls.append(values)
        return f"<p>{self.tag} " + " ".join(f"{k}={values[k]}" for k in sorted(values)) + "</p>"


@pytest.fixture
def toy():
    A = qw.Axis("a", "alpha", [1, 2, 3], default=2)
    B = qw.Axis("b", "beta", ["x", "y", "z", "w"])
    only_a, both, only_b, neither = Recorder("A"), Recorder("AB"), Recorder("B"), Recorder("none")
    box = qw.frame_explorer(
        [A, B],
        figure=[qw.Layer(only_a, ("a",)), qw.Layer(both, ("b", "a")), qw.Layer(neither, ())],
        reading=qw.Layer(only_b, ("b",)),
    )
    return box, A, B, only_a, both, only_b, neither


def test_frame_explorer_renders_each_layer_once_per_point_of_its_own_axes(toy):
    box, A, B, only_a, both, only_b, neither = toy
    assert len(only_a.calls) == 3  # depends on a only
    assert len(both.calls) == 3 * 4  # on a and b
    assert len(only_b.calls) == 4  # on b only
    assert len(neither.calls) == 1  # on nothing
    assert sorted(call["a"] for call in only_a.calls) == [1, 2, 3]
    assert {(call["a"], call["b"]) for call in both.calls} == {
        (a, b) for a in A.values for b in B.values
    }
    assert all(set(call) == {"b"} for call in only_b.calls)


def test_frame_explorer_structure_and_links(toy):
    box, A, B, *_ = toy
    slider_a, slider_b, plot, reading = box.children
    assert isinstance(slider_a, W.SelectionSlider) and isinstance(slider_b, W.SelectionSlider)
    assert slider_a.description == "alpha" and slider_a.index == 1  # default 2 is the second value
    assert slider_b.description == "beta" and slider_b.index == 0  # no default: the first value
    assert [label for label, _ in slider_a.options] == ["1", "2", "3"]
    assert [label for label, _ in slider_b.options] == ["x", "y", "z", "w"]
    layer_a, layer_ab, layer_none = plot.children
    assert isinstance(layer_none, W.HTML) and layer_none.value == "<p>none </p>"
    # nesting follows the order of the sliders (a outside, b inside), whatever the layer's order
    assert len(layer_ab.children) == 3 and all(len(s.children) == 4 for s in layer_ab.children)
    assert layer_ab.children[2].children[1].value == "<p>AB a=3 b=y</p>"
    assert layer_a.children[0].value == "<p>A a=1</p>"
    assert reading.children[3].value == "<p>B b=w</p>"
    # every Stack is jslinked, index -> selected_index, to the slider of its level
    linked = {id(link.target[0]): link for link in box._qbp_links}
    expected = [(layer_a, slider_a), (layer_ab, slider_a), (reading, slider_b)]
    expected += [(inner, slider_b) for inner in layer_ab.children]
    assert len(box._qbp_links) == len(expected) == 1 + 1 + 3 + 1
    for stack, slider in expected:
        link = linked[id(stack)]
        assert isinstance(link, Link)
        assert link.source == (slider, "index") and link.target == (stack, "selected_index")
        assert stack.selected_index == slider.index


@pytest.mark.parametrize(
    "make, error, match",
    [
        (lambda A, L: qw.frame_explorer([], [L], L), ValueError, r"^axes\b"),
        (lambda A, L: qw.frame_explorer(None, [L], L), TypeError, r"^axes\b"),
        (lambda A, L: qw.frame_explorer(A, [L], L), TypeError, r"^axes\b"),  # one Axis, not a list
        (lambda A, L: qw.frame_explorer(["a"], [L], L), TypeError, r"^axes\b"),
        (lambda A, L: qw.frame_explorer([A, A], [L], L), ValueError, r"^axes\b"),  # duplicate names
        (lambda A, L: qw.frame_explorer([A], None, L), TypeError, r"^figure\b"),
        (lambda A, L: qw.frame_explorer([A], L, L), TypeError, r"^figure\b"),
        (lambda A, L: qw.frame_explorer([A], [lambda **k: ""], L), TypeError, r"^figure\b"),
        (lambda A, L: qw.frame_explorer([A], [L], None), TypeError, r"reading\b"),
        (lambda A, L: qw.frame_explorer([A], [L], "text"), TypeError, r"reading\b"),
        (
            lambda A, L: qw.frame_explorer([A], [qw.Layer(lambda **k: "", ("zzz",))], L),
            ValueError,
            r"unknown axes",
        ),
        (
            lambda A, L: qw.frame_explorer([A], [qw.Layer("not callable", ("a",))], L),
            TypeError,
            r"callable",
        ),
    ],
)
def test_frame_explorer_rejects_bad_input(make, error, match):
    A = qw.Axis("a", "alpha", [1, 2])
    L = qw.Layer(lambda **k: "<p/>", ("a",))
    with pytest.raises(error, match=match):
        make(A, L)


# --------------------------------------------------------------------------
# The cost explorer
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def explorer():
    return qw.cost_explorer()


DEFAULT_METHODS = ["function", "backprop", "backprop_scaling", "param_shift", "spsa", "shadows"]


def test_cost_explorer_sliders_and_defaults(explorer):
    assert isinstance(explorer, W.VBox)
    eps_slider, M_slider, plot, reading = explorer.children
    assert isinstance(eps_slider, W.SelectionSlider) and isinstance(M_slider, W.SelectionSlider)
    assert "\u03b5" in eps_slider.description and "M" in M_slider.description
    assert qw.EPS_GRID[eps_slider.index] == 0.01 and eps_slider.label == "0.01"
    assert qw.M_GRID[M_slider.index] == 10**6 and M_slider.label == "10\u2076"
    assert [label for label, _ in eps_slider.options] == [qw.format_number(e) for e in qw.EPS_GRID]
    assert [label for label, _ in M_slider.options] == [qw.format_number(m) for m in qw.M_GRID]
    # the default grid: 1, 3, 10, ..., 1e9 and five precisions
    assert qw.M_GRID == (
        1,
        3,
        10,
        30,
        100,
        300,
        1000,
        3000,
        10**4,
        3 * 10**4,
        10**5,
        3 * 10**5,
        10**6,
        3 * 10**6,
        10**7,
        3 * 10**7,
        10**8,
        3 * 10**8,
        10**9,
    )
    assert qw.EPS_GRID == (0.1, 0.03, 0.01, 0.003, 0.001)


def test_cost_explorer_frames(explorer):
    _, _, plot, reading = explorer.children
    base, marker = plot.children
    n_eps, n_M = len(qw.EPS_GRID), len(qw.M_GRID)
    # one base image per eps
    assert len(base.children) == n_eps
    for eps, frame in zip(qw.EPS_GRID, base.children):
        match = re.fullmatch(
            r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)" .*/>', frame.value
        )
        assert match, frame.value[:80]
        assert base64.b64decode(match.group(1))[:8] == b"\x89PNG\r\n\x1a\n"
        alt = html.unescape(match.group(2))
        assert alt.strip() and f"\u03b5 = {qw.format_number(eps)}" in alt
        assert all(costs.METHODS[m][0] in alt for m in DEFAULT_METHODS)
    # one marker SVG and one reading per (eps, M)
    for layer, tag in ((marker, "<svg"), (reading, '<p class="qbp-reading"')):
        assert len(layer.children) == n_eps
        for per_eps in layer.children:
            assert isinstance(per_eps, W.Stack) and len(per_eps.children) == n_M
            assert all(isinstance(f, W.HTML) and f.value.startswith(tag) for f in per_eps.children)
    # one marker dot per method
    assert marker.children[0].children[0].value.count("<circle") == len(DEFAULT_METHODS)


def test_cost_explorer_links_each_stack_to_its_slider(explorer):
    eps_slider, M_slider, plot, reading = explorer.children
    base, marker = plot.children
    linked = {id(link.target[0]): link for link in explorer._qbp_links}
    expected = [(base, eps_slider), (marker, eps_slider), (reading, eps_slider)]
    expected += [(inner, M_slider) for inner in marker.children + reading.children]
    assert len(explorer._qbp_links) == len(expected) == 3 + 2 * len(qw.EPS_GRID)
    for stack, slider in expected:
        link = linked[id(stack)]
        assert link.source == (slider, "index") and link.target == (stack, "selected_index")
        assert stack.selected_index == slider.index


def _reading_text(explorer, i_eps, i_M):
    frame = explorer.children[3].children[i_eps].children[i_M].value
    inner = re.fullmatch(r'<p class="qbp-reading"[^>]*>(.*)</p>', frame).group(1)
    return html.unescape(inner)


@pytest.mark.parametrize("M", [1, 1000, 10**6, 10**9])
@pytest.mark.parametrize("eps", [0.1, 0.01, 0.001])
def test_reading_equals_cost_reading_and_matches_costs(explorer, M, eps):
    text = _reading_text(explorer, qw.EPS_GRID.index(eps), qw.M_GRID.index(M))
    assert text == qw.cost_reading(M, eps, DEFAULT_METHODS, ("param_shift", "backprop_scaling"))
    assert text.startswith(
        f"At M = {qw.format_number(M)} and \u03b5 = {qw.format_number(eps)}, parameter shift needs "
    )
    # the headline ratio, read back and recomputed from costs
    printed = re.search(
        r"parameter shift needs (\S+) \u00d7 the gate applications of backprop scaling", text
    ).group(1)
    ratio = costs.param_shift_time(M, eps) / costs.backprop_scaling_time(M, eps)
    assert abs(parse_number(printed) - ratio) <= precision_of(printed) * (1 + 1e-9)
    # each method's cost in units of TIME(F), read back
    units = text.split("M/\u03b5\u00b2: ")[1].rstrip(".")
    parts = dict(part.rsplit(" ", 1) for part in units.split(", "))
    labels = {m: costs.METHODS[m][0].split(",")[0] for m in DEFAULT_METHODS}
    assert set(parts) == {labels[m] for m in DEFAULT_METHODS if m != "function"}
    for m in DEFAULT_METHODS[1:]:
        value = costs.gradient_time(m, M, eps) / costs.circuit_time(M, eps)
        assert abs(parse_number(parts[labels[m]]) - value) <= precision_of(parts[labels[m]]) * (
            1 + 1e-9
        ), m
    assert parse_number(parts["backprop's guarantee"]) == 3


def test_reading_hand_values_at_the_default_point(explorer):
    text = _reading_text(explorer, 2, 12)  # eps = 0.01, M = 1e6
    # parameter shift / backprop scaling = 4 M / ln M = 4e6 / 13.8155 = 2.895e5
    assert (
        "parameter shift needs 2.9\u00d710\u2075 \u00d7 the gate applications of backprop scaling"
        in text
    )
    # in units of TIME(F) = M/eps^2: backprop scaling ln(1e6) = 13.8 -> "14"; parameter shift 4 M =
    # 4.0×10⁶
    assert "backprop scaling 14" in text and "parameter shift 4.0\u00d710\u2076" in text
    # SPSA: K = (M - 1)/eps^2 estimates, 2 circuits of 1/eps^2 shots each, so 2 K = 2 (1e6 - 1) 1e4
    # = 2.0×10¹⁰
    assert "SPSA 2.0\u00d710\u00b9\u2070" in text
    # shadows: 612 ln(2e8) = 612 * 19.1138 = 11697.6 -> "11,698"
    assert "classical shadows 11,698" in text


def _marker(explorer, i_eps, i_M):
    return explorer.children[2].children[1].children[i_eps].children[i_M].value


def test_marker_x_increases_with_m_and_is_linear_in_log_m(explorer):
    width = int(re.search(r'viewBox="0 0 (\d+) (\d+)"', _marker(explorer, 0, 0)).group(1))
    for i_eps in range(len(qw.EPS_GRID)):
        xs = np.array(
            [
                float(re.search(r'<line x1="([\d.]+)"', _marker(explorer, i_eps, i)).group(1))
                for i in range(len(qw.M_GRID))
            ]
        )
        assert np.all(np.diff(xs) > 0)
        assert 0 < xs[0] and xs[-1] <= width
        # one decade of M is the same distance everywhere on a log axis (to the printed 0.1 px)
        decades = xs[0::2]  # M = 1, 10, 100, ..., 1e9
        assert np.allclose(np.diff(decades), np.diff(decades)[0], atol=0.15)


def test_marker_dots_rise_with_cost(explorer):
    colours = {m: qw.METHOD_STYLE[m]["color"] for m in DEFAULT_METHODS}

    def cy(i_M, method):
        svg = _marker(explorer, 2, i_M)
        return float(re.search(rf'cy="([\d.]+)" r="[\d.]+" fill="{colours[method]}"', svg).group(1))

    # SVG y grows downwards: a dearer point sits higher (smaller cy)
    ys = [cy(i, "param_shift") for i in range(len(qw.M_GRID))]
    assert all(a > b for a, b in zip(ys, ys[1:]))
    assert cy(12, "param_shift") < cy(12, "function")


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        (dict(methods="spsa"), TypeError, r"^methods\b"),
        (dict(methods=None), TypeError, r"^methods\b"),
        (dict(methods=[]), ValueError, r"^methods\b"),
        (dict(methods=["nope"]), ValueError, r"^methods\b"),
        (dict(methods=[3]), TypeError, r"^methods\b"),
        (dict(headline=("spsa", "nope")), ValueError, r"^headline\b"),
        (dict(headline=("spsa",)), ValueError, r"^headline\b"),
        (dict(headline="spsa"), TypeError, r"^headline\b"),
        (dict(headline=None), TypeError, r"^headline\b"),
        (dict(M_values=[0, 10], default_M=10), ValueError, r"^M_values\b"),
        (dict(M_values=[1.5, 10], default_M=10), TypeError, r"^M_values\b"),
        (dict(M_values=["10"], default_M=10), TypeError, r"^M_values\b"),
        (dict(M_values=[True, 10], default_M=10), TypeError, r"^M_values\b"),
        (dict(M_values=None), TypeError, r"^M_values\b"),
        (dict(M_values=[], default_M=10), ValueError, r"^(M_values|default_M)\b"),
        (dict(eps_values=[0, 0.1], default_eps=0.1), ValueError, r"^eps_values\b"),
        (dict(eps_values=[-0.1, 0.1], default_eps=0.1), ValueError, r"^eps_values\b"),
        (dict(eps_values=[1.5, 0.1], default_eps=0.1), ValueError, r"^eps_values\b"),
        (dict(eps_values=[float("nan"), 0.1], default_eps=0.1), ValueError, r"^eps_values\b"),
        (dict(eps_values=["0.1"], default_eps=0.1), TypeError, r"^eps_values\b"),
        (dict(eps_values=[0.1j], default_eps=0.1), TypeError, r"^eps_values\b"),
        (dict(eps_values=None), TypeError, r"^eps_values\b"),
        (dict(default_M=7), ValueError, r"^default_M\b"),
        (dict(default_M="10"), (TypeError, ValueError), r"^default_M\b"),
        (dict(default_M=True), (TypeError, ValueError), r"^default_M\b"),
        (dict(default_eps=0.5), ValueError, r"^default_eps\b"),
        (dict(default_eps=None), (TypeError, ValueError), r"^default_eps\b"),
    ],
)
def test_cost_explorer_rejects_bad_input_before_drawing(kwargs, error, match):
    with pytest.raises(error, match=match):
        qw.cost_explorer(**kwargs)


def test_cost_reading_rejects_bad_input():
    good = dict(M=10, eps=0.1, methods=["function", "spsa"], headline=("spsa", "function"))
    qw.cost_reading(**good)
    for key, value, error in [
        ("M", 0, ValueError),
        ("M", "10", TypeError),
        ("M", 2.5, TypeError),
        ("eps", 0, ValueError),
        ("eps", float("inf"), ValueError),
        ("eps", None, TypeError),
    ]:
        with pytest.raises(error, match=rf"^{key}\b"):
            qw.cost_reading(**{**good, key: value})
    for key, value, error in [
        ("methods", ["nope"], ValueError),
        ("methods", "spsa", TypeError),
        ("methods", [], ValueError),
        ("headline", ("spsa", "nope"), ValueError),
        ("headline", ("spsa",), ValueError),
        ("headline", None, TypeError),
    ]:
        with pytest.raises(error, match=rf"^{key}\b"):
            qw.cost_reading(**{**good, key: value})


# --------------------------------------------------------------------------
# kernel_note
# --------------------------------------------------------------------------

NOTEBOOK = "book/01_classical_backprop.ipynb"


def test_kernel_note_wraps_the_widget_and_links_to_binder_and_colab():
    slider = W.IntSlider()
    box = qw.kernel_note(slider, NOTEBOOK, what="This <simulator>")
    assert isinstance(box, W.VBox) and box.children[-1] is slider
    note = box.children[0]
    assert isinstance(note, W.HTML)
    assert "Binder" in note.value and "Colab" in note.value and "kernel" in note.value
    assert "This &lt;simulator&gt;" in note.value  # escaped, not injected
    hrefs = re.findall(r'href="([^"]+)"', note.value)
    assert len(hrefs) == 2 and all(NOTEBOOK in h for h in hrefs)
    assert hrefs[0].startswith("https://mybinder.org/") and hrefs[1].startswith(
        "https://colab.research.google.com/"
    )
    assert hrefs == list(qw.launch_links(NOTEBOOK).values())


@pytest.mark.parametrize(
    "args, error, match",
    [
        (("not a widget", NOTEBOOK), TypeError, r"^widget\b"),
        ((None, NOTEBOOK), TypeError, r"^widget\b"),
        ((W.IntSlider(), NOTEBOOK, 3), TypeError, r"^what\b"),
        ((W.IntSlider(), NOTEBOOK, None), TypeError, r"^what\b"),
        ((W.IntSlider(), None), TypeError, r"^notebook\b"),
        ((W.IntSlider(), 1), TypeError, r"^notebook\b"),
        ((W.IntSlider(), "book/01_classical_backprop.md"), ValueError, r"^notebook\b"),
        ((W.IntSlider(), "/abs/01.ipynb"), ValueError, r"^notebook\b"),
    ],
)
def test_kernel_note_rejects_bad_input(args, error, match):
    with pytest.raises(error, match=match):
        qw.kernel_note(*args)


@pytest.mark.parametrize(
    "x, expected",
    [
        (3.5e-16, 1e-15),
        (1.3e-10, 1e-9),
        (1e-9, 1e-9),
        (0.02, 0.1),
        (-4e-13, 1e-12),
        (0.0, 1e-16),
        (7.0, 10.0),
    ],
)
def test_decade_above(x, expected):
    assert qw.decade_above(x) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    "x, error",
    [
        ("1e-3", TypeError),
        (None, TypeError),
        (True, TypeError),
        (float("nan"), ValueError),
        (float("inf"), ValueError),
    ],
)
def test_decade_above_rejects_bad_input(x, error):
    with pytest.raises(error, match="^x "):
        qw.decade_above(x)
