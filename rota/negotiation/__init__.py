"""Negotiation instead of forced availability: why not, minimal asks, answers."""

from .answers import Answer as Answer
from .answers import Recorded as Recorded
from .answers import answer_ask as answer_ask
from .answers import answer_given as answer_given
from .answers import read_asks_csv as read_asks_csv
from .answers import record_answer as record_answer
from .asks import propose_asks as propose_asks
from .outcome import negotiate as negotiate
from .outcome import negotiation_reserve as negotiation_reserve
from .probe import Reason as Reason
from .unmet import cannot_cover as cannot_cover
from .unmet import unmet_reasons as unmet_reasons
from .why_not import NegotiationError as NegotiationError
from .why_not import SessionExplanation as SessionExplanation
from .why_not import WorkerExplanation as WorkerExplanation
from .why_not import explain as explain
