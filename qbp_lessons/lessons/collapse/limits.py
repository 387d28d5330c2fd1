"""The caps of chapter 5's experiments: how many copies and random cases one call may run.

Introduced in chapter 5. Each copy is a Python-level measurement and each case a few
small matrix functions, so these keep a call to seconds.
"""

__all__ = ["MAX_COPIES", "MAX_CASES"]

#: Most copies a sampled collapse experiment may prepare (each is a Python-level measurement).
MAX_COPIES = 200_000
#: Most random cases one lemma check may try.
MAX_CASES = 100_000
