"""1EdTech's official Open Badges 3.0 JSON Schemas, as test data.

They are kept unchanged in tests/data/ob3/ (see its README; OB3_SCHEMA_DIR overrides), so a clean
checkout validates what the portal issues without fetching anything.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft201909Validator, FormatChecker
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DIR = Path(os.environ.get("OB3_SCHEMA_DIR") or ROOT / "tests" / "data" / "ob3")


@lru_cache(maxsize=None)
def _schema(name: str) -> dict:
    path = SCHEMA_DIR / name
    assert path.exists(), (f"{path} is missing: restore tests/data/ob3/ from the repository, or point "
                           "OB3_SCHEMA_DIR at 1EdTech's OB 3.0 schemas (achievementcredential.json, profile.json)")
    return json.loads(path.read_text())


def _validator(schema: dict, registry: Registry | None = None) -> Draft201909Validator:
    kwargs = {"registry": registry} if registry is not None else {}
    return Draft201909Validator(schema, format_checker=FormatChecker(), **kwargs)


def problems(document: dict, schema: str) -> list[str]:
    """Every way ``document`` breaks the schema, as 'path: message' lines (empty when valid)."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
            for e in _validator(_schema(schema)).iter_errors(document)]


def achievement_problems(document: dict) -> list[str]:
    """An Achievement on its own, against the Achievement definition of the credential schema."""
    credential = _schema("achievementcredential.json")
    registry = Registry().with_resource(credential["$id"], Resource.from_contents(credential))
    reference = {"$schema": credential["$schema"], "$ref": f"{credential['$id']}#/$defs/Achievement"}
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
            for e in _validator(reference, registry).iter_errors(document)]
