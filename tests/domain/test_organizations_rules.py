import pytest

from app.domain.errors import InvalidInput
from app.domain.organizations import INDUSTRIES, size_range_by_key, size_range_for, validate_organization


@pytest.mark.parametrize(
    "employees, key", [(1, "1-50"), (50, "1-50"), (51, "51-200"), (200, "51-200"), (201, "201-1000"),
                       (1000, "201-1000"), (1001, "1001+"), (250_000, "1001+")],
)
def test_size_ranges_have_inclusive_bounds(employees, key):
    assert size_range_for(employees).key == key


def test_there_are_eight_industries():
    assert len(INDUSTRIES) == 8 and len(set(INDUSTRIES)) == 8


def test_unknown_industry_and_size_range_are_refused():
    with pytest.raises(InvalidInput, match="Unknown industry"):
        validate_organization("Acme", "Gaming", 10)
    with pytest.raises(InvalidInput, match="Unknown size range"):
        size_range_by_key("5000+")


def test_organization_names_are_trimmed_and_counts_checked():
    assert validate_organization("  Acme   Corp ", "Retail", 10) == ("Acme Corp", "Retail", 10)
    with pytest.raises(InvalidInput):
        validate_organization("Acme", "Retail", 0)
