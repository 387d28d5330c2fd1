"""The caps of chapter 5's experiments: how many copies and random cases one call may run.

Introduced in chapter 5. Each copy is three Python-level measurements (about 0.3 ms) and
each case a few small matrix functions (about 0.4 ms), so these keep a call to seconds.
"""

__all__ = ["MAX_COPIES", "MAX_SCAN_COPIES", "MAX_CASES", "MAX_PAIR_AMPLITUDES"]

#: Most copies one sampled collapse experiment may prepare (about 1.5 s).
MAX_COPIES = 5_000
#: Most copies a scan over many states may prepare in all (states x copies, about 6 s).
MAX_SCAN_COPIES = 20_000
#: Most random cases one lemma check may try (about 4 s).
MAX_CASES = 10_000
#: Most pairs x 2^n a linearity check may handle (its cost grows with both; about 4 s).
MAX_PAIR_AMPLITUDES = 64_000
