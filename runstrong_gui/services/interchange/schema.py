"""The JSON Schema of RunStrong JSON, generated from the typed records.

The shipped copy (``resources/interchange/runstrong-1.schema.json``) is this output; a
test keeps the two equal. Regenerate it after changing domain/interchange.py with
``python -m runstrong_gui.services.interchange.schema``.
"""

from __future__ import annotations

import json
from typing import Any

import msgspec

from runstrong_gui.domain.interchange import VERSION, Document

SCHEMA_NAME = f"runstrong-{VERSION}.schema.json"


def json_schema() -> dict[str, Any]:
    schema = msgspec.json.schema(Document)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://runstrong.app/schema/{SCHEMA_NAME}",
        "title": f"RunStrong JSON, version {VERSION}",
        "description": (
            "Athletes, custom exercises, templates and sessions (with planned exercises "
            "and set logs) of a RunStrong store. Records name each other by uid; built-in "
            "exercises by key. Dates are YYYY-MM-DD, loads in kilograms."
        ),
        **schema,
    }


def main() -> None:  # pragma: no cover - a maintenance command
    from runstrong_gui.paths import resources_dir

    path = resources_dir() / "interchange" / SCHEMA_NAME
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(path)


if __name__ == "__main__":  # pragma: no cover
    main()
