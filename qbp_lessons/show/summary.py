"""The course in one table: each chapter's headline, computed where the table is shown.

Introduced in chapter 7.
"""

from __future__ import annotations

import html

__all__ = ["summary_table"]


def summary_table(rows) -> str:
    """The course in one table, as HTML: ``rows`` of (chapter, method, headline, how obtained).

    Every headline is a string computed on the page by the package functions its
    chapter uses (a count from a ledger, or a model from ``costs``, said so in the
    last column); a chapter adds its row to the list. Introduced in chapter 7.
    """
    if isinstance(rows, (str, bytes)) or not isinstance(rows, (list, tuple)) or not rows:
        raise TypeError(
            "rows must be a non-empty list of (chapter, method, headline, source) tuples"
        )
    out = [
        '<table class="qbp-summary"><thead><tr><th>Chapter</th><th>Method</th>'
        "<th>Headline (computed on this page)</th><th>How</th></tr></thead><tbody>"
    ]
    for i, row in enumerate(rows):
        if (
            not isinstance(row, (list, tuple))
            or len(row) != 4
            or not all(isinstance(c, str) for c in row)
        ):
            raise TypeError(f"rows[{i}] must be four strings (chapter, method, headline, source)")
        out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)
