"""Presentation: figures, explorers, readings and book helpers, one file per idea.

Nothing here simulates, samples or times: these functions draw and format what
the idea modules computed. The pieces every chapter uses are importable from
here directly (``from qbp_lessons.show import cost_explorer, show_source``); no name
exported here is also the name of a submodule, so every import means one thing.

* :mod:`.figure_style`   the palette, log axes and PNG frames
* :mod:`.format`         numbers, bytes and durations as a reader reads them
* :mod:`.frames`         explorers that respond on the static website
* :mod:`.book`           launch links, the "needs a kernel" note, the package's source on a page
* :mod:`.cost_sliders`   sliders for M and eps over the cost models (every chapter)
* :mod:`.summary`        the course in one table

Each chapter's own figures and explorers live in ``qbp_lessons/lessons/<chapter>/show.py``.
"""

from qbp_lessons.show.book import glue, kernel_note, launch_links, show_source
from qbp_lessons.show.cost_sliders import EPS_GRID, M_GRID, cost_explorer, cost_reading
from qbp_lessons.show.format import decade_above, format_bytes, format_number, format_seconds
from qbp_lessons.show.frames import HAS_STACK, Axis, Layer, frame_explorer
from qbp_lessons.show.figure_style import METHOD_STYLE, OKABE_ITO, log_log_axes, png_bytes, style
from qbp_lessons.show.summary import summary_table

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
    "summary_table",
]
