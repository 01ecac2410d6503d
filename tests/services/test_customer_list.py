"""The customer list: stored ranks (not computed per request), filters, orders, pages and who may read it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from app.db import session_scope
from app.domain.benchmarks.ranks import PERCENTILE
from app.domain.errors import InvalidInput, PermissionDenied
from app.models import CustomerRank, Organization
from app.services.benchmarks import customer_list
from tests.conftest import NOW
from tests.factories import make_org, make_user
from tests.services.test_benchmarks import add_orgs, add_values, recompute

DAY = NOW.date()


@pytest.fixture(autouse=True, params=["index", "filter first"])
def strategy(request, monkeypatch):
    """Every behaviour holds both ways a page is read: along the order's index (many matches)
    and by the filter, then sorted (a few)."""
    monkeypatch.setattr(customer_list, "FEW", 0 if request.param == "index" else 2_000)
    return request.param


@pytest.fixture
def staff(db):
    vendor = make_org("Vendor", "Software", 300)
    with session_scope() as s:
        s.get(Organization, vendor.id).is_customer = False
    return {"csm": make_user("cara@vendor.test", "csm", org="Vendor"),
            "admin": make_user("ada@vendor.test", "admin", org="Vendor"),
            "learner": make_user("lena@vendor.test", "learner", org="Vendor")}


@pytest.fixture
def peers(staff):
    """40 customers (Org 000..039) with health scores 40 + id % 37; the first 20 with tickets too."""
    ids = add_orgs(40)
    add_values(ids, DAY)
    add_values(ids[:20], DAY, metric="tickets_per_100_users", base=1.0)  # lower is better
    recompute(DAY)
    return ids


def listed(viewer, **filters):
    with session_scope() as s:
        return customer_list.list_customers(session=s, viewer=viewer, **filters)


def chip(row, metric: str = "health_score"):
    return next(c for c in row.ranks if c.metric == metric)


def test_each_row_carries_five_ranks_where_higher_is_better_for_every_metric(peers, staff):
    found = listed(staff["csm"], sort="name", page_size=100)
    assert found.total == 40 and "Vendor" not in {r.name for r in found.items}  # not a customer
    assert found.ranks_as_of == DAY
    rows = {r.name: r for r in found.items}
    by_id = {r.id: r for r in found.items}
    assert [c.metric for c in rows["Org 000"].ranks] == list(customer_list.SORTS[2:])
    lowest, highest = by_id[min(peers, key=lambda i: i % 37)], by_id[max(peers, key=lambda i: i % 37)]
    assert (chip(lowest).rank_label, chip(lowest).zone) == ("below p10", "bottom")
    assert (chip(highest).rank_label, chip(highest).zone) == ("above p90", "above")
    # Org 000 has the fewest tickets: the best rank for a lower-is-better metric.
    assert chip(rows["Org 000"], "tickets_per_100_users").rank_label == "above p90"
    tickets = [chip(rows[f"Org {i:03d}"], "tickets_per_100_users").rank for i in range(20)]
    assert tickets == sorted(tickets, reverse=True)  # more tickets, lower rank
    assert chip(rows["Org 030"], "tickets_per_100_users").rank_label == "no data"
    assert chip(rows["Org 030"], "adoption_rate").zone == "none"  # no values at all: not shown


def test_the_ranks_are_read_from_the_nightly_table_not_computed_per_request(peers, staff):
    with session_scope() as s:
        strongest = s.get(Organization, max(peers, key=lambda i: i % 37)).name
        stored = s.get(CustomerRank, max(peers, key=lambda i: i % 37))
        stored.health_score_rank, stored.health_score_label = 7, PERCENTILE
    add_values(peers, DAY, base=0.0)  # new values change nothing until the next run
    row = listed(staff["csm"], search=strongest).items[0]
    assert (chip(row).rank, chip(row).rank_label, chip(row).zone) == (7, "7th percentile", "bottom")
    recompute(DAY + timedelta(days=1))
    assert chip(listed(staff["csm"], search=strongest).items[0]).rank_label == "above p90"


def test_weakest_first_puts_the_lowest_rank_first_and_customers_without_ranks_last(peers, staff):
    newcomers = add_orgs(3, start=90)  # added after the run: no stored ranks yet
    with session_scope() as s:
        s.get(CustomerRank, peers[5]).weakest_rank = None  # every metric withheld or without data
    found = listed(staff["csm"], page_size=100)
    with session_scope() as s:
        weakest = dict(s.exec(select(CustomerRank.organization_id, CustomerRank.weakest_rank)).all())
    order = [(weakest[r.id], r.id) for r in found.items[:39]]
    assert order == sorted(order) and found.items[39].id == peers[5]  # no rank at all: after every rank
    assert [r.id for r in found.items[40:]] == newcomers  # then those without stored ranks, by name
    assert {c.rank_label for c in found.items[-1].ranks} == {"no data"}
    # A page that starts among the ranked customers and ends among the newcomers, and one past them.
    pages = [listed(staff["csm"], page_size=7, page=n).items for n in (6, 7)]
    assert [r.id for r in pages[0]] == [r.id for r in found.items[35:42]]
    assert [r.id for r in pages[1]] == [found.items[42].id]


def test_sorting_by_a_metric_orders_by_its_rank_lowest_first_with_no_rank_last(peers, staff):
    found = listed(staff["csm"], sort="tickets_per_100_users", page_size=100)
    ranks = [chip(r, "tickets_per_100_users").rank for r in found.items]
    assert ranks[:20] == sorted(ranks[:20]) and ranks[20:] == [None] * 20
    lowest = [r for r in found.items if chip(r, "tickets_per_100_users").rank == ranks[0]]
    assert "Org 019" in {r.name for r in lowest}  # the most tickets
    assert [r.id for r in lowest] == sorted(r.id for r in lowest)  # ties: the older customer first
    by_name = listed(staff["csm"], sort="name", page_size=100).items
    assert [r.name for r in by_name] == sorted(r.name for r in by_name)


def test_search_industry_and_size_filters_narrow_the_list(peers, staff):
    with session_scope() as s:
        s.get(Organization, peers[1]).is_active = False
    assert listed(staff["csm"]).total == 39  # inactive customers are not listed
    assert [r.name for r in listed(staff["csm"], search=" org 00", sort="name").items] == [
        f"Org 00{i}" for i in (0, 2, 3, 4, 5, 6, 7, 8, 9)]
    retail = listed(staff["csm"], industry="Retail", page_size=100).items
    assert retail and {r.industry for r in retail} == {"Retail"}
    small = listed(staff["csm"], size_range="1-50", page_size=100).items
    assert small and {r.size_range for r in small} == {"1-50 employees"}
    assert listed(staff["csm"], search="no such customer").total == 0


def test_pages_count_the_whole_match_and_a_page_past_the_end_shows_the_last(peers, staff):
    first = listed(staff["csm"], sort="name", page_size=15)
    assert (first.total, first.pages, first.page, len(first.items)) == (40, 3, 1, 15)
    last = listed(staff["csm"], sort="name", page_size=15, page=9)
    assert (last.page, [r.name for r in last.items]) == (3, [f"Org {i:03d}" for i in range(30, 40)])
    empty = listed(staff["csm"], search="nothing", page=4)
    assert (empty.total, empty.pages, empty.page, empty.items) == (0, 1, 1, [])


def test_bad_input_is_refused_with_what_to_do(peers, staff):
    for filters, field in (({"sort": "revenue"}, "sort"), ({"page_size": 500}, "page_size"), ({"page": 0}, "page"),
                           ({"industry": "Mining"}, "industry"), ({"size_range": "huge"}, "size_range")):
        with pytest.raises(InvalidInput) as raised:
            listed(staff["csm"], **filters)
        assert raised.value.field == field


def test_before_the_first_nightly_run_every_customer_is_listed_without_ranks(staff):
    add_orgs(3)
    found = listed(staff["csm"])
    assert found.total == 3 and found.ranks_as_of is None
    assert {(c.rank, c.rank_label, c.zone) for r in found.items for c in r.ranks} == {(None, "no data", "none")}


def test_the_list_is_for_csms_and_admins_only(peers, staff):
    assert listed(staff["admin"]).total == 40
    with pytest.raises(PermissionDenied):
        listed(staff["learner"])


def test_the_weakest_first_page_is_read_from_the_order_index(peers, staff, strategy):
    """The order the list opens with is the index's exactly (none last, ties by id), on both databases."""
    if strategy != "index":
        pytest.skip("a few matches are sorted on purpose")
    from sqlalchemy import event

    from app.db import get_engine

    engine, statements = get_engine(), []

    def keep(conn, cursor, statement, parameters, context, executemany):
        if "ORDER BY" in statement:
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", keep)
    try:
        listed(staff["csm"])
    finally:
        event.remove(engine, "before_cursor_execute", keep)
    statement, parameters = statements[0]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.exec_driver_sql("SET LOCAL enable_sort = off")  # a 40-row table is sorted otherwise
            plan = conn.exec_driver_sql("EXPLAIN " + statement, parameters).all()
        else:
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
    text = "\n".join(str(row[-1]) for row in plan)
    assert "ix_customer_rank_weakest_order" in text and "TEMP B-TREE" not in text and "Sort " not in text, text
