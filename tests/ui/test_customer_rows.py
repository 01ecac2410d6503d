"""The customer list's rows, summary and address as plain values."""

from datetime import date
from urllib.parse import parse_qsl

from app.services.benchmarks.customer_list import SORTS
from app.services.benchmarks.dto import CustomerPage, CustomerRow, RankChip
from app.ui.pages.csm import customer_rows as rows_of


def test_every_order_the_service_knows_is_offered_once():
    assert tuple(key for key, _ in rows_of.SORT_CHOICES) == SORTS


def test_a_chip_shows_the_rank_or_short_words_with_a_colour_and_an_icon_per_zone():
    ranked = rows_of.chip(RankChip("resolution_hours", "Median case resolution time", 23, "23rd percentile",
                                   "bottom"))
    assert (ranked["name"], ranked["text"], ranked["color"], ranked["icon"]) == ("Resolution", "23rd", "red",
                                                                                 "triangle-alert")
    assert ranked["title"] == "Median case resolution time: 23rd percentile (bottom quarter)"
    tier = rows_of.chip(RankChip("health_score", "Health score", None, "below the median", "below"))
    assert (tier["text"], tier["color"], tier["icon"]) == ("below median", "amber", "arrow-down")
    tail = rows_of.chip(RankChip("health_score", "Health score", 5, "below p10", "bottom"))
    assert (tail["text"], tail["title"]) == ("<10th", "Health score: below p10 (bottom quarter)")
    top = rows_of.chip(RankChip("tickets_per_100_users", "Tickets", 95, "above p90", "above"))
    assert top["text"] == ">90th"
    hidden = rows_of.chip(RankChip("health_score", "Health score", None, "not shown", "none"))
    assert (hidden["text"], hidden["color"], hidden["title"]) == ("not shown", "gray", "Health score: not shown")
    looks = {rows_of.ZONE_LOOK[z] for z in rows_of.ZONE_LOOK}
    assert len({icon for _, icon in looks}) == len(looks)  # the icon alone tells the zones apart


def test_the_summary_counts_with_thousands_separators():
    row = CustomerRow(1, "A", "Retail", "1,001+ employees", [])
    page = CustomerPage([row] * 25, 1234, 2, 25, 50, date(2026, 11, 30))
    assert rows_of.summary(page) == "Showing 26–50 of 1,234 customers"
    assert rows_of.summary(CustomerPage([row], 1, 1, 25, 1, None)) == "Showing 1–1 of 1 customer"
    assert rows_of.summary(CustomerPage([], 0, 1, 25, 1, None)) == "No customers match"


def test_the_address_keeps_only_what_differs_from_the_defaults_and_reads_back():
    chosen = {"search": "acme & co", "industry": "Retail", "size_range": "1001+", "sort": "health_score", "page": 3}
    query = rows_of.query_string(**chosen)
    assert query == "?q=acme+%26+co&industry=Retail&size=1001%2B&sort=health_score&page=3"
    assert rows_of.from_query(dict(parse_qsl(query[1:]))) == chosen
    assert rows_of.query_string(search=" ", industry="any", size_range="any", sort="weakest", page=1) == ""


def test_an_address_with_unknown_values_opens_the_default_list():
    assert rows_of.from_query({"industry": "Mining", "size": "x", "sort": "revenue", "page": "-2", "q": "a" * 300}) == {
        "search": "a" * 200, "industry": "any", "size_range": "any", "sort": "weakest", "page": 1}
