"""Big weeks solved by area: split, solve the parts in parallel, merge, re-check."""

from .parts import PartOutcome as PartOutcome
from .parts import PartTask as PartTask
from .parts import solve_part as solve_part
from .schedule import MIN_PART_SECONDS as MIN_PART_SECONDS
from .schedule import ExecutorKind as ExecutorKind
from .schedule import run_parts as run_parts
from .solve import AreaResult as AreaResult
from .solve import solve_by_area as solve_by_area
from .split import AREA_COLUMNS as AREA_COLUMNS
from .split import WORKERS_PER_PART as WORKERS_PER_PART
from .split import DecomposeError as DecomposeError
from .split import Part as Part
from .split import auto_parts as auto_parts
from .split import restrict as restrict
from .split import split_by_area as split_by_area
