"""qbp_lessons: the code behind the course "Training quantum models at scale".

One module per idea, each introduced by a chapter of the book:

* :mod:`qbp_lessons.classical`   chapter 1, backpropagation on deep sigmoid networks
* :mod:`qbp_lessons.circuits`    chapter 2, Pauli-rotation circuits: a statevector engine,
  three gradients (the talk's formula, the adjoint method, finite differences), PennyLane bridge
* :mod:`qbp_lessons.param_shift` chapter 3, the parameter-shift rule, shot noise, resource counts
* :mod:`qbp_lessons.costs`       the analytic TIME and MEMORY models of every method
* :mod:`qbp_lessons.exercises`   the exercises' checkers, ``check("1.1", answer)``
* :mod:`qbp_lessons.plots`       the book's figure style and figure helpers
* :mod:`qbp_lessons.widgets`     the explorers (live in Jupyter and on the static site)

Computation lives in the idea modules (numpy in, numbers out); presentation lives
in :mod:`qbp_lessons.widgets`, which only calls them.
"""

__version__ = "0.1.0"

#: Where the course lives; the launch links and the Colab install cell point here.
#: Keep it equal to ``repository.url`` in ``_config.yml`` (a test checks).
REPOSITORY_URL = "https://github.com/qbp-course/training-quantum-models-at-scale"
REPOSITORY_BRANCH = "main"
