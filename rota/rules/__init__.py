"""Rules of the rota: one module per family, each with encoding and evaluation."""

from .base import Evaluation as Evaluation
from .base import Rule as Rule
from .base import Violation as Violation
from .registry import all_rules as all_rules
from .registry import hard_rules as hard_rules
from .registry import impossible_reasons as impossible_reasons
from .registry import rules_by_id as rules_by_id
from .registry import soft_rules as soft_rules
