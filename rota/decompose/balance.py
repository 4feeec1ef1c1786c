"""Balanced clustering of points on a map: k-means whose groups share the load.

Plain k-means puts a dense neighbourhood in one huge group; a part of a rota
three times the size of the others takes three times as long to solve and holds
the rest back. Here every assignment step fills groups up to a capacity, nearest
group first, so the groups stay close to equal in weight and still compact.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np

MAX_ROUNDS = 30
PEOPLE_SLACK = 0.05
"""A group of people may exceed an equal share of the demand by this fraction."""


def balanced_assign(
    xy: np.ndarray,
    weights: Sequence[float],
    centres: np.ndarray,
    capacity: Sequence[float],
) -> list[int]:
    """Each point's group: the nearest group that is not yet full.

    Points that care most about where they go (the largest gap between their
    nearest and second-nearest group) choose first; a group is full once its load
    reaches its capacity. When every group is full, a point joins the one least
    full relative to its capacity.

    Parameters
    ----------
    xy
        Points, one row (x, y) each, in kilometres.
    weights
        Each point's load.
    centres
        Group centres, one row each.
    capacity
        Each group's capacity, in the unit of ``weights``.

    Returns
    -------
    list[int]
        The group of each point, in the order given.
    """
    n, k = len(xy), len(centres)
    if n == 0:
        return []
    if k == 1:
        return [0] * n
    distance = np.linalg.norm(xy[:, None, :] - centres[None, :, :], axis=2)
    ranked = np.argsort(distance, axis=1, kind="stable")
    rows = np.arange(n)
    regret = distance[rows, ranked[:, 1]] - distance[rows, ranked[:, 0]]
    order = sorted(range(n), key=lambda i: (-regret[i], -weights[i], i))
    load = [0.0] * k
    out = [0] * n
    for i in order:
        choice = next((int(c) for c in ranked[i] if load[c] < capacity[c]), None)
        if choice is None:
            choice = min(range(k), key=lambda c: (load[c] / max(capacity[c], 1e-9), c))
        out[i] = choice
        load[choice] += weights[i]
    return out


def kmeans_balanced(
    xy: np.ndarray, weights: Sequence[float], k: int, *, seed: int
) -> tuple[list[int], np.ndarray]:
    """Group points into ``k`` compact groups of about equal weight.

    Parameters
    ----------
    xy
        Points, one row (x, y) each, in kilometres.
    weights
        Each point's load (a person's demand in worker-minutes).
    k
        Number of groups (at most the number of points).
    seed
        Seed of the k-means++ start: the same seed gives the same groups.

    Returns
    -------
    tuple[list[int], numpy.ndarray]
        The group of each point and the groups' centres.
    """
    n = len(xy)
    if n == 0 or k <= 1:
        centre = xy.mean(axis=0, keepdims=True) if n else np.zeros((1, 2))
        return [0] * n, centre
    # A person with no sessions still belongs somewhere: a tiny weight keeps them
    # in the centre calculations without moving anything.
    mass = np.array([max(float(w), 1e-6) for w in weights])
    centres = _plus_plus(xy, mass, k, random.Random(seed))
    capacity = [mass.sum() / k * (1 + PEOPLE_SLACK)] * k
    groups: list[int] = []
    for _ in range(MAX_ROUNDS):
        new = balanced_assign(xy, list(mass), centres, capacity)
        if new == groups:
            break
        groups = new
        for c in range(k):
            members = [i for i, g in enumerate(groups) if g == c]
            if members:
                centres[c] = np.average(xy[members], axis=0, weights=mass[members])
    return groups, centres


def _plus_plus(
    xy: np.ndarray, mass: np.ndarray, k: int, rng: random.Random
) -> np.ndarray:
    """k-means++ start: each next centre drawn with odds by weight x distance²."""
    n = len(xy)
    first = rng.choices(range(n), weights=list(mass))[0]
    chosen = [first]
    nearest = np.sum((xy - xy[first]) ** 2, axis=1)
    while len(chosen) < k:
        odds = nearest * mass
        if odds.sum() <= 0:
            pick = next(i for i in range(n) if i not in chosen)
        else:
            pick = rng.choices(range(n), weights=list(odds))[0]
        chosen.append(pick)
        nearest = np.minimum(nearest, np.sum((xy - xy[pick]) ** 2, axis=1))
    return xy[chosen].astype(float).copy()
