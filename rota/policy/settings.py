"""The policy: every rule's setting and weight, with documented defaults.

Hard limits live in :class:`Limits`, penalty weights in :class:`Weights`. Each weight
is named by the stable id of the soft rule it prices (see docs/policy.md). Weights are
whole points per unit stated in the field's description; a weight of 0 switches the
penalty off and adds nothing to the model. Every number is bounded (a policy file
with an absurd value is a policy error, never an invalid model).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

# The policy's own bounds (the policy knows nothing of the model; the rows' bounds
# live in rota.model.records and docs/data.md).
DAY = 24 * 60
MAX_DAYS, MAX_WEEKS = 366, 53
MAX_RATE = 1000
MAX_TOTAL_HOURS = 5000
MAX_WEIGHT = 100_000
"""Largest penalty weight: with every number in the data bounded too, the
objective stays far inside CP-SAT's 64-bit range (no MODEL_INVALID from a policy)."""
MAX_ASK_WEIGHT = 1_000_000
"""Largest price of an ask."""


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Limits(_Section):
    """Hard limits and rule settings."""

    max_hours_per_day: float = Field(
        10.0, gt=0, le=24, description="daily cap, paid hours"
    )
    max_days_per_week: int = Field(6, ge=0, le=7, description="working days per week")
    max_travel_minutes: int = Field(
        45, ge=0, le=DAY, description="longest single journey"
    )
    max_horizon_weeks: int = Field(
        8,
        ge=1,
        le=MAX_WEEKS,
        description="longest rota the sessions' dates may span; a longer one is an "
        "error naming the sessions far from the rest (a mistyped year)",
    )
    longest_session_hours: float = Field(
        16.0,
        gt=0,
        le=24,
        description="a session longer than this is probably a slip (a warning)",
    )
    travel_counts_in_hours: bool = Field(
        True, description="paid travel between visits counts towards hours caps"
    )
    commute_counts_in_hours: bool = Field(
        False, description="journeys from and to home count towards hours caps"
    )
    min_rest_hours: float = Field(
        11.0, ge=0, le=168, description="rest between working days"
    )
    weekly_rest: bool = Field(
        True,
        description="a whole calendar day free in each week (two per fortnight)",
    )
    break_after_hours: float = Field(
        6.0, gt=0, le=24, description="a run of work longer than this needs a break"
    )
    break_minutes: int = Field(20, ge=0, le=DAY, description="length of that break")
    max_day_span_hours: float = Field(
        13.0, gt=0, le=24, description="first start to last end of a working day"
    )
    flex_step_minutes: int = Field(
        15, gt=0, le=DAY, description="steps for moving a start"
    )
    max_flex_options: int = Field(
        5, ge=1, le=100, description="most start times tried per flexible session"
    )
    window_step_minutes: int = Field(
        15,
        gt=0,
        le=DAY,
        description="steps for a start inside a session's start window",
    )
    start_variables: bool = Field(
        True,
        description=(
            "give a session with a start window one start the solver chooses to "
            "the minute, instead of a start per window_step_minutes, where every "
            "rule in force allows it"
        ),
    )
    max_late_minutes: int = Field(
        0,
        ge=0,
        le=DAY,
        description="how far past latest_start a session may still start (late)",
    )
    max_successors: int = Field(
        8,
        ge=1,
        le=1000,
        description="next sessions considered after each visit in a worker's day",
    )
    frozen_hours: float = Field(
        0.0,
        ge=0,
        le=8784,
        description="published sessions starting this soon never change",
    )
    notice_days: float = Field(
        7.0,
        ge=0,
        le=366,
        description="a change to a session starting this soon is late",
    )
    change_consent: bool = Field(
        True,
        description="changes inside the notice period need the affected party's yes",
    )
    split_gap_minutes: int = Field(
        90, ge=0, le=DAY, description="an unpaid gap this long splits the working day"
    )
    allow_split_shifts: bool = Field(
        True,
        description="false: a split gap (split_gap_minutes) is a hard violation "
        "(rule no_split_shift)",
    )
    min_paid_minutes_per_day: int = Field(
        120, ge=0, le=DAY, description="a working day with fewer paid minutes is short"
    )
    min_paid_minutes_hard: int = Field(
        0,
        ge=0,
        le=DAY,
        description="a working day with fewer paid minutes is a hard violation "
        "(rule min_paid_day); 0: off",
    )
    span_allowance_minutes: int = Field(
        120, ge=0, le=DAY, description="unpaid time in a day's span before it is 'long'"
    )
    unsocial_before: str = Field("07:00", description="work before this is unsocial")
    unsocial_after: str = Field("20:00", description="work after this is unsocial")
    unsocial_premium_percent: float = Field(
        0.0, ge=0, le=1000, description="pay premium on unsocial minutes (for cost)"
    )
    pay_travel: bool = Field(True, description="travel between visits is paid (NMW)")
    default_charge_rate: float = Field(
        25.0, ge=0, le=MAX_RATE, description="pounds per hour"
    )
    road_factor: float = Field(
        1.3, gt=0, le=10, description="road distance / straight line"
    )
    speed_car_kmh: float = Field(30.0, gt=0, le=1000)
    speed_walk_kmh: float = Field(4.8, gt=0, le=1000)
    speed_public_kmh: float = Field(18.0, gt=0, le=1000)
    # Limits supported living and longer rotas need; None means no limit.
    max_sessions_of_kind: dict[str, int] = Field(
        default_factory=dict, description="most sessions of a kind per worker"
    )
    forbidden_kind_sequences: list[tuple[str, str]] = Field(
        default_factory=list,
        description="kind pairs (a, b): b may not be worked the day after a",
    )
    min_consecutive_days: int | None = Field(
        None,
        ge=1,
        le=MAX_DAYS,
        description="fewest working days in a row (ends of rota exempt)",
    )
    max_consecutive_days: int | None = Field(
        None, ge=1, le=MAX_DAYS, description="most working days in a row"
    )
    min_consecutive_days_off: int | None = Field(
        None,
        ge=1,
        le=MAX_DAYS,
        description="fewest days off in a row (ends of rota exempt)",
    )
    max_working_weekends: int | None = Field(
        None, ge=0, le=MAX_WEEKS, description="most weekends worked over the rota"
    )
    min_total_hours: float | None = Field(
        None,
        ge=0,
        le=MAX_TOTAL_HOURS,
        description="fewest paid hours over the whole rota",
    )
    max_total_hours: float | None = Field(
        None,
        ge=0,
        le=MAX_TOTAL_HOURS,
        description="most paid hours over the whole rota",
    )

    def speeds(self) -> dict[str, float]:
        """Speeds by transport, for travel estimates."""
        return {
            "car": self.speed_car_kmh,
            "walk": self.speed_walk_kmh,
            "public": self.speed_public_kmh,
        }


class Weights(_Section):
    """Penalty weights, by soft-rule id."""

    uncovered_essential: int = Field(
        1000, ge=0, le=MAX_WEIGHT, description="per hour uncovered"
    )
    uncovered_standard: int = Field(
        300, ge=0, le=MAX_WEIGHT, description="per hour uncovered"
    )
    uncovered_flexible: int = Field(
        100, ge=0, le=MAX_WEIGHT, description="per hour uncovered"
    )
    cover_cost: int = Field(
        1,
        ge=0,
        le=MAX_WEIGHT,
        description="times a session's cover_weight, per hour covered",
    )
    agreed_uncovered: int = Field(
        1000,
        ge=0,
        le=MAX_WEIGHT,
        description="per hour uncovered of a session someone said yes to an ask for",
    )
    split_shift: int = Field(
        20, ge=0, le=MAX_WEIGHT, description="per extra block in a day"
    )
    short_day: int = Field(
        5, ge=0, le=MAX_WEIGHT, description="per hour below the minimum paid day"
    )
    long_span: int = Field(
        2, ge=0, le=MAX_WEIGHT, description="per hour of unpaid span beyond allowance"
    )
    lateness: int = Field(
        0, ge=0, le=MAX_WEIGHT, description="per minute started after latest_start"
    )
    max_lateness: int = Field(
        0, ge=0, le=MAX_WEIGHT, description="per minute of the latest start in the rota"
    )
    travel_minutes: int = Field(
        1, ge=0, le=MAX_WEIGHT, description="per hour travelling"
    )
    travel_miles: int = Field(0, ge=0, le=MAX_WEIGHT, description="per mile travelled")
    contract_shortfall: int = Field(
        10, ge=0, le=MAX_WEIGHT, description="per contracted hour not offered"
    )
    overtime: int = Field(3, ge=0, le=MAX_WEIGHT, description="per hour above contract")
    undesired_time: int = Field(
        10, ge=0, le=MAX_WEIGHT, description="per hour in undesired windows"
    )
    preferred_unused: int = Field(
        2, ge=0, le=MAX_WEIGHT, description="per preferred window left unused"
    )
    continuity: int = Field(
        15, ge=0, le=MAX_WEIGHT, description="per worker beyond max_distinct_workers"
    )
    distinct_workers: int = Field(
        1, ge=0, le=MAX_WEIGHT, description="per distinct worker per person"
    )
    non_preferred_worker: int = Field(
        2, ge=0, le=MAX_WEIGHT, description="per hour covered by a non-preferred worker"
    )
    change: int = Field(
        5, ge=0, le=MAX_WEIGHT, description="per change to the published rota"
    )
    late_change: int = Field(
        50, ge=0, le=MAX_WEIGHT, description="per change inside the notice period"
    )
    weekend_fairness: int = Field(
        0, ge=0, le=MAX_WEIGHT, description="per hour of the busiest weekend"
    )
    unsocial_fairness: int = Field(
        0, ge=0, le=MAX_WEIGHT, description="per hour of the busiest unsocial"
    )
    wage_cost: int = Field(
        0, ge=0, le=MAX_WEIGHT, description="per pound of wages and paid travel"
    )


class AskWeights(_Section):
    """How requests to staff and people are chosen and priced (see docs/negotiation.md).

    Each ask costs its kind's weight, plus ``per_hour`` for each hour it asks for,
    times ``evening_multiplier`` when the time asked for starts before
    ``early_before`` or ends after ``evening_after`` and ``weekend_multiplier`` on a
    Saturday or Sunday, plus ``repeat`` for each ask the same person already has.
    """

    availability: float = Field(
        10.0,
        ge=0,
        le=MAX_ASK_WEIGHT,
        description="a worker works a stated time outside availability",
    )
    overtime: float = Field(
        8.0, ge=0, le=MAX_ASK_WEIGHT, description="a worker works above max_hours"
    )
    travel: float = Field(
        6.0, ge=0, le=MAX_ASK_WEIGHT, description="a journey above the worker's limit"
    )
    move: float = Field(
        12.0,
        ge=0,
        le=MAX_ASK_WEIGHT,
        description="a person's session moves beyond flex",
    )
    change: float = Field(
        10.0,
        ge=0,
        le=MAX_ASK_WEIGHT,
        description="a change to a published session at short notice",
    )
    per_hour: float = Field(
        2.0,
        ge=0,
        le=MAX_ASK_WEIGHT,
        description="per hour asked for (worked, overtime, moved, travelled, changed)",
    )
    early_before: str = Field("08:00", description="asks starting earlier are unsocial")
    evening_after: str = Field("18:00", description="asks ending later are unsocial")
    evening_multiplier: float = Field(
        1.5, ge=1, le=100, description="for unsocial times"
    )
    weekend_multiplier: float = Field(
        1.5, ge=1, le=100, description="for Saturday and Sunday"
    )
    repeat: float = Field(
        5.0,
        ge=0,
        le=MAX_ASK_WEIGHT,
        description="per ask the person already has (this week and recorded)",
    )
    max_asks_per_person: int = Field(
        3,
        ge=1,
        le=1000,
        description="asks to one person in a week, recorded answers included",
    )
    max_move_minutes: int = Field(
        120,
        ge=0,
        le=MAX_ASK_WEIGHT,
        description="furthest a session's start is moved by an ask",
    )
    max_overtime_minutes: int = Field(
        240,
        ge=0,
        le=MAX_ASK_WEIGHT,
        description="most overtime asked of a worker in one ask",
    )


class Policy(_Section):
    """Rules and weights for one solve."""

    name: str = "balanced"
    description: str = ""
    limits: Limits = Field(default_factory=Limits)
    weights: Weights = Field(default_factory=Weights)
    asks: AskWeights = Field(default_factory=AskWeights)
