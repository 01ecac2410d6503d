"""The fixed industry list and employee-count size ranges used for cohorts."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import InvalidInput
from app.domain.text import check_text

INDUSTRIES: tuple[str, ...] = (
    "Software",
    "Financial Services",
    "Healthcare",
    "Manufacturing",
    "Retail",
    "Education",
    "Public Sector",
    "Energy",
)


@dataclass(frozen=True)
class SizeRange:
    key: str
    label: str
    minimum: int
    maximum: int | None  # inclusive; None = no upper bound

    def contains(self, employee_count: int) -> bool:
        return employee_count >= self.minimum and (
            self.maximum is None or employee_count <= self.maximum
        )


SIZE_RANGES: tuple[SizeRange, ...] = (
    SizeRange("1-50", "1-50 employees", 1, 50),
    SizeRange("51-200", "51-200 employees", 51, 200),
    SizeRange("201-1000", "201-1,000 employees", 201, 1000),
    SizeRange("1001+", "1,001+ employees", 1001, None),
)


def size_range_for(employee_count: int) -> SizeRange:
    for size_range in SIZE_RANGES:
        if size_range.contains(employee_count):
            return size_range
    raise InvalidInput("employee_count", "Employee count must be at least 1.")


def size_range_by_key(key: str) -> SizeRange:
    for size_range in SIZE_RANGES:
        if size_range.key == key:
            return size_range
    choices = ", ".join(r.key for r in SIZE_RANGES)
    raise InvalidInput("size_range", f"Unknown size range {key!r}; choose one of {choices}.")


def validate_industry(industry: str) -> str:
    if industry not in INDUSTRIES:
        raise InvalidInput(
            "industry", f"Unknown industry {industry!r}; choose one of: {', '.join(INDUSTRIES)}."
        )
    return industry


def validate_organization(name: str, industry: str, employee_count: int) -> tuple[str, str, int]:
    clean_name = " ".join(check_text("name", name).split())
    if not clean_name or len(clean_name) > 200:
        raise InvalidInput("name", "Organization name must be 1-200 characters.")
    if employee_count < 1 or employee_count > 10_000_000:
        raise InvalidInput("employee_count", "Employee count must be between 1 and 10,000,000.")
    return clean_name, validate_industry(industry), employee_count
