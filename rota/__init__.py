"""rota: fair weekly rotas for personalised social care, built with CP-SAT."""

from .model import Problem as Problem
from .policy import Policy as Policy
from .policy import load_policy as load_policy

__version__ = "0.1.0"
