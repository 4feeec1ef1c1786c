"""Published benchmarks: instance readers and independent evaluators.

Curtois & Qu nurse rostering (instances 1..24) and Mankowska et al. home health
care routing and scheduling. Nothing here uses the solver: these are the scores
the engine's results are judged by.
"""

from .curtois import CoverRequirement as CoverRequirement
from .curtois import CurtoisFormatError as CurtoisFormatError
from .curtois import CurtoisInstance as CurtoisInstance
from .curtois import CurtoisShift as CurtoisShift
from .curtois import CurtoisStaff as CurtoisStaff
from .curtois import RosterEntry as RosterEntry
from .curtois import ShiftRequest as ShiftRequest
from .curtois import read_curtois as read_curtois
from .curtois import read_roster_csv as read_roster_csv
from .curtois import write_roster_csv as write_roster_csv
from .curtois_eval import CurtoisScore as CurtoisScore
from .curtois_eval import evaluate_curtois as evaluate_curtois
from .mankowska import MankowskaFormatError as MankowskaFormatError
from .mankowska import MankowskaInstance as MankowskaInstance
from .mankowska import Visit as Visit
from .mankowska import read_mankowska as read_mankowska
from .mankowska import read_routes_csv as read_routes_csv
from .mankowska import write_routes_csv as write_routes_csv
from .mankowska_eval import MankowskaScore as MankowskaScore
from .mankowska_eval import earliest_schedule as earliest_schedule
from .mankowska_eval import evaluate_mankowska as evaluate_mankowska
