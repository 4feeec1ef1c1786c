"""Realistic sample weeks of a UK personalised-care provider, from a seed."""

from .week import DEFAULT_START as DEFAULT_START
from .week import SIZES as SIZES
from .week import generate_week as generate_week
from .week import generate_week_with_plan as generate_week_with_plan
from .week import resolve_size as resolve_size
