"""Tables and figures for people: what changed in a rota, who must be told, the
rota's key figures, timeline bars and each worker's and person's week.

The change reports (``changes``, ``notices``, ``wording``) stand on the model and
the output tables of :mod:`rota.io` only, so any two rotas can be compared without
the rules. The figures (``kpis``, ``timeline``, ``weeks``) are computed by the
rules' own evaluation of a rota (:func:`rota.check`), never taken from the solver.
"""

from .changes import CHANGE_KINDS as CHANGE_KINDS
from .changes import SessionChange as SessionChange
from .changes import changes_table as changes_table
from .changes import diff_rotas as diff_rotas
from .kpis import Kpis as Kpis
from .kpis import kpis as kpis
from .kpis import kpis_row as kpis_row
from .notices import Notice as Notice
from .notices import change_notices as change_notices
from .notices import notices_table as notices_table
from .timeline import Bar as Bar
from .timeline import timeline as timeline
from .weeks import HOURS_COLUMNS as HOURS_COLUMNS
from .weeks import PersonSession as PersonSession
from .weeks import PersonWeek as PersonWeek
from .weeks import Visit as Visit
from .weeks import WorkerWeek as WorkerWeek
from .weeks import hours_table as hours_table
from .weeks import person_week as person_week
from .weeks import worker_week as worker_week
