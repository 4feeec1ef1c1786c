"""rota: fair weekly rotas for personalised social care, built with CP-SAT."""

from .model import Problem as Problem
from .policy import Policy as Policy
from .policy import load_policy as load_policy

__version__ = "0.1.0"
from .check import CheckReport as CheckReport
from .check import check as check
from .check import impossible as impossible
from .engine import Result as Result
from .engine import solve as solve
