"""Published benchmarks run on rota's own model and engine.

Kept apart from :mod:`rota.bench`, whose readers and evaluators share nothing with
the engine, so that the scores stay independent of what they judge.
"""

from .curtois import CurtoisRun as CurtoisRun
from .curtois import roster_of as roster_of
from .curtois import solve_curtois as solve_curtois
from .curtois_map import CurtoisMapping as CurtoisMapping
from .curtois_map import CurtoisMappingError as CurtoisMappingError
from .curtois_map import assignments_of as assignments_of
from .curtois_map import day_layout as day_layout
from .curtois_map import map_curtois as map_curtois
from .mankowska import MankowskaRun as MankowskaRun
from .mankowska import solve_mankowska as solve_mankowska
from .mankowska import visits_of as visits_of
from .mankowska_map import MankowskaMapping as MankowskaMapping
from .mankowska_map import MankowskaMappingError as MankowskaMappingError
from .mankowska_map import map_mankowska as map_mankowska
from .mankowska_map import routes_of as routes_of
