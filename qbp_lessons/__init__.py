"""qbp_lessons: the code behind the course "Training quantum models at scale".

Computation, one module per idea (numpy in, numbers out), each introduced by a chapter:

* :mod:`qbp_lessons.lessons.backprop`       chapter 1, backpropagation on deep sigmoid
networks
* :mod:`qbp_lessons.engine.paulis`           chapter 2, Pauli strings and observables
* :mod:`qbp_lessons.engine.circuits`        chapter 2, Pauli-rotation circuits: the statevector
engine and
  three gradients (the talk's formula, the adjoint method, finite differences)
* :mod:`qbp_lessons.engine.sampling`        chapter 2, Born-rule measurement: settings, shots,
post-measurement states
* :mod:`qbp_lessons.lessons.rotations.simulator` chapter 2, gate applications, time and memory of
the simulator
* :mod:`qbp_lessons.lessons.rotations.hadamard`        chapter 2, the Hadamard test: one gradient
component as one circuit
* :mod:`qbp_lessons.lessons.param_shift`          chapter 3, the parameter-shift rule and its
shot noise
* :mod:`qbp_lessons.lessons.spsa.compute`            chapter 4, SPSA: the estimator, its exact error
against M, Spall's gains
* :mod:`qbp_lessons.engine.qinfo`           chapter 5, density matrices, partial trace, trace
distance, fidelity
* :mod:`qbp_lessons.lessons.collapse`        chapter 5, no-cloning, measurement collapse,
gentle and weak measurement
* :mod:`qbp_lessons.lessons.commuting`       chapter 7, one-setting gradients of
commuting-generator and commuting-block circuits
* :mod:`qbp_lessons.training`        chapters 4 and 7, the one descent loop (parameter shift, SPSA,
commuting and block estimators), counting what the gradients ran

Shared machinery:

* :mod:`qbp_lessons.engine.ledger`    what was done, counted by the code that did it (gates,
executions, shots)
* :mod:`qbp_lessons.costs`     every closed-form model, one module per method: TIME, shots, MEMORY
* :mod:`qbp_lessons.engine.measure`   the one clock and the one memory meter
* :mod:`qbp_lessons.interop`   the bridge to PennyLane (the only package that imports it)

Presentation and exercises: :mod:`qbp_lessons.show` (figures, explorers, book
helpers; computes nothing) and :mod:`qbp_lessons.exercises` (``check("1.1", answer)``).
"""

__version__ = "0.1.0"

#: Where the course lives; the launch links and the Colab install cell point here.
#: Keep it equal to ``repository.url`` in ``_config.yml`` (a test checks).
REPOSITORY_URL = "https://github.com/qbp-course/training-quantum-models-at-scale"
REPOSITORY_BRANCH = "main"
