"""Presentation: figures, explorers, readings and book helpers, one file per idea.

Nothing here simulates, samples or times: these functions draw and format what
the idea modules computed. The pieces every chapter uses are importable from
here directly (``from qbp_lessons.show import cost_explorer, show_source``).

* :mod:`.style`          the palette, log axes and PNG frames
* :mod:`.format`         numbers, bytes and durations as a reader reads them
* :mod:`.frames`         explorers that respond on the static website
* :mod:`.book`           launch links, the "needs a kernel" note, the package's source on a page
* :mod:`.cost_explorer`  sliders for M and eps over the cost models (every chapter)
* :mod:`.classical`      chapter 1's figures
* :mod:`.circuits`       chapter 2's figures and simulator explorer
* :mod:`.param_shift`    chapter 3's figures and explorer
* :mod:`.spsa`           chapter 4's figures and M-K-eps explorer
* :mod:`.collapse`       chapter 5's figures and weak-measurement explorer
* :mod:`.commuting`      chapter 7's figures and explorer
* :mod:`.summary`        the course in one table
"""

from qbp_lessons.show.book import glue, kernel_note, launch_links, show_source
from qbp_lessons.show.cost_explorer import EPS_GRID, M_GRID, cost_explorer, cost_reading
from qbp_lessons.show.format import decade_above, format_bytes, format_number, format_seconds
from qbp_lessons.show.frames import HAS_STACK, Axis, Layer, frame_explorer
from qbp_lessons.show.style import METHOD_STYLE, OKABE_ITO, log_log_axes, png_bytes, style

__all__ = [
    "glue",
    "kernel_note",
    "launch_links",
    "show_source",
    "EPS_GRID",
    "M_GRID",
    "cost_explorer",
    "cost_reading",
    "decade_above",
    "format_bytes",
    "format_number",
    "format_seconds",
    "HAS_STACK",
    "Axis",
    "Layer",
    "frame_explorer",
    "METHOD_STYLE",
    "OKABE_ITO",
    "log_log_axes",
    "png_bytes",
    "style",
]
