"""Chapter 1, backpropagation on deep sigmoid networks: the cheap gradient principle, measured.

The chapter's public face: a notebook imports this package and finds here
everything the chapter computes, with its figures and explorers in :mod:`.show`
and its exercises in :mod:`.exercises`. The computation lives in modules by concern:

* :mod:`.network`: the sigmoid network, its seeded weights and data, theta as one vector;
* :mod:`.passes`: the forward pass and its tape, the backward pass, the loss;
* :mod:`.references`: finite differences and autograd, two independent routes;
* :mod:`.checkpointing`: fewer stored layers for one more forward pass;
* :mod:`.omega` and :mod:`.memory`: omega1 and omega2 measured on this machine;
* :mod:`.checks`: the input checks the public functions run before their cores.

The network is the talk's formula

    f(X; theta) = sigma(theta_L sigma(theta_{L-1} ... sigma(theta_1 X)))

with weight matrices only (no biases) and the sigmoid sigma after every layer.
X holds one sample per column, so X has shape (widths[0], batch), and
``params[l]`` (the talk's theta_{l+1}) has shape (widths[l+1], widths[l]).
The scalar we differentiate is the mean squared error to targets Y,

    F(theta) = 0.5 * sum((f(X; theta) - Y)**2) / batch.

What to notice: :func:`forward_core` keeps every activation (the *tape*) and
:func:`backward_core` walks the layers in reverse, reusing them. That is the whole
trick of backpropagation, a piece of dynamic programming: "as the function is
computed, intermediate information is stored and reused for the gradient". The
price is memory (the tape), which grows with depth and batch;
:func:`grad_checkpointed` keeps only every k-th layer and recomputes the rest,
O(sqrt(L)) stored layers for one extra forward pass. The reward is a gradient that
costs a small constant omega times one evaluation of F, whatever the number of
parameters M, where finite differences cost M + 1 evaluations.

Each function the book shows is a *core*: the idea with no input checks
(:func:`forward_core`, :func:`backward_core`, :func:`grad_checkpointed_core`). The
function a reader calls (:func:`forward`, :func:`backward`, :func:`grad_checkpointed`)
checks its inputs and then calls that core.
"""

from qbp_lessons.lessons.backprop.checkpointing import (
    CheckpointedGradient,
    grad_checkpointed,
    grad_checkpointed_core,
)
from qbp_lessons.lessons.backprop.memory import (
    MAX_MEMORY_PARAMS,
    MAX_TAPE_NUMBERS,
    MemoryMeasurement,
    measure_memory,
    sweep_memory,
)
from qbp_lessons.lessons.backprop.network import (
    MAX_DATA_NUMBERS,
    MAX_NETWORK_PARAMS,
    flatten,
    init_network,
    make_data,
    num_params,
    sigmoid,
    unflatten,
)
from qbp_lessons.lessons.backprop.omega import (
    OmegaMeasurement,
    measure_omega,
    network_sizes,
    sweep_omega,
)
from qbp_lessons.lessons.backprop.passes import (
    Tape,
    backward,
    backward_core,
    forward,
    forward_core,
    grad,
    loss,
)
from qbp_lessons.lessons.backprop.references import grad_autograd, grad_finite_difference

# after the computation: exercises and show call it through this face
from qbp_lessons.lessons.backprop import exercises, show

__all__ = [
    "sigmoid",
    "num_params",
    "init_network",
    "make_data",
    "flatten",
    "unflatten",
    "Tape",
    "forward_core",
    "forward",
    "backward_core",
    "backward",
    "grad",
    "loss",
    "grad_finite_difference",
    "grad_autograd",
    "CheckpointedGradient",
    "grad_checkpointed_core",
    "grad_checkpointed",
    "network_sizes",
    "OmegaMeasurement",
    "measure_omega",
    "sweep_omega",
    "MemoryMeasurement",
    "measure_memory",
    "sweep_memory",
    "MAX_NETWORK_PARAMS",
    "MAX_DATA_NUMBERS",
    "MAX_MEMORY_PARAMS",
    "MAX_TAPE_NUMBERS",
    "show",
    "exercises",
]
