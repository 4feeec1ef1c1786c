"""Domain types: the data contract's records, time, travel and the Problem."""

from .problem import Problem as Problem
from .problem import ProblemError as ProblemError
from .problem import ReferenceIssue as ReferenceIssue
from .problem import reference_issues as reference_issues
from .records import Agreement as Agreement
from .records import AvailabilityWindow as AvailabilityWindow
from .records import PublishedAssignment as PublishedAssignment
from .records import ServiceUser as ServiceUser
from .records import Session as Session
from .records import TravelEntry as TravelEntry
from .records import Worker as Worker
from .rota import Ask as Ask
from .rota import Assignment as Assignment
from .rota import Summary as Summary
from .rota import Unmet as Unmet
from .time import Horizon as Horizon
from .travel import Journey as Journey
from .travel import TravelMatrix as TravelMatrix
