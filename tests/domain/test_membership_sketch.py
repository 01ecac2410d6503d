"""Membership sketches never claim two cohorts are far apart when they are close."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.benchmarks.sketch import (
    CELLS,
    Sketch,
    difference_lower_bound,
    group_sketches,
    may_differ_by_few,
    merged,
    organization_hashes,
)


def sketch_of(ids) -> Sketch:
    ids = np.array(sorted(ids), dtype=np.int64)
    return group_sketches(organization_hashes(ids), np.zeros(len(ids), dtype=np.int8), 1)[0]


id_sets = st.sets(st.integers(min_value=1, max_value=2**40), max_size=200)


@settings(max_examples=300)
@given(id_sets, id_sets)
def test_the_bound_never_exceeds_the_true_difference(a, b):
    assert difference_lower_bound(sketch_of(a), sketch_of(b)) <= len(a ^ b)


@settings(max_examples=300)
@given(id_sets, st.sets(st.integers(min_value=2**41, max_value=2**42), min_size=1, max_size=4), st.data())
def test_a_difference_of_one_to_four_organizations_is_always_caught(base, joined, data):
    left = data.draw(st.sets(st.sampled_from(sorted(base)), max_size=4 - len(joined)) if base else st.just(set()))
    after = (base - left) | joined
    assert may_differ_by_few(sketch_of(base), sketch_of(after), 5)


def test_identical_members_in_any_order_give_identical_sketches():
    ids = list(range(1, 1000, 7))
    shuffled = np.random.default_rng(1).permutation(ids)
    assert difference_lower_bound(sketch_of(ids), sketch_of(shuffled)) == 0
    assert not may_differ_by_few(sketch_of(ids), sketch_of(shuffled), 5)


def test_cohorts_far_apart_are_recognised_as_far_apart():
    base = set(range(1, 100_000))
    rng = np.random.default_rng(7)
    far = 0
    for _ in range(200):
        swapped = set(rng.choice(list(base), 10, replace=False).tolist())
        far += not may_differ_by_few(sketch_of(base), sketch_of((base - swapped) | set(range(200_000, 200_010))), 5)
    assert far == 200  # twenty organizations apart: never mistaken for neighbours


def test_one_pass_sketches_every_group_like_sketching_each_alone():
    ids = np.arange(1, 5001, dtype=np.int64)
    groups = (ids % 3).astype(np.int8)
    together = group_sketches(organization_hashes(ids), groups, 3)
    for g in range(3):
        alone = sketch_of(ids[groups == g])
        assert together[g].n == alone.n and np.array_equal(together[g].cells, alone.cells)


def test_a_sketch_survives_storage():
    original = sketch_of(range(1, 300))
    stored = original.to_bytes()
    assert len(stored) == CELLS * 8
    restored = Sketch.from_bytes(original.n, stored)
    assert restored.n == original.n and np.array_equal(restored.cells, original.cells)


def test_the_sketch_of_disjoint_cohorts_together_is_their_merged_sketches():
    a, b = set(range(1, 400)), set(range(1000, 1300))
    assert difference_lower_bound(merged([sketch_of(a), sketch_of(b)]), sketch_of(a | b)) == 0
