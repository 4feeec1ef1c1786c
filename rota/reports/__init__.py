"""Tables and figures for people: what changed in a rota and who must be told.

Reports stand on the model and the output tables of :mod:`rota.io` only; they
never import the solver, the rules or the engine, so any rota (ours or
hand-made) can be reported on.
"""

from .changes import CHANGE_KINDS as CHANGE_KINDS
from .changes import SessionChange as SessionChange
from .changes import changes_table as changes_table
from .changes import diff_rotas as diff_rotas
from .notices import Notice as Notice
from .notices import change_notices as change_notices
from .notices import notices_table as notices_table
