"""Policy: rule settings and penalty weights, with named presets."""

from .presets import PolicyError as PolicyError
from .presets import load_policy as load_policy
from .presets import preset_names as preset_names
from .settings import Limits as Limits
from .settings import Policy as Policy
from .settings import Weights as Weights
