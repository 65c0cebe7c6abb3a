"""The profile's JSON Schema, as printed by `sskit schema` and shipped as
profile.schema.json beside the model (profiles point their editor at it)."""
from __future__ import annotations

import json

from sskit.profile.model import Profile



def profile_schema() -> dict:
    schema = Profile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "sskit company profile (GB/T 27922-2011 售后服务体系)"
    return schema


def schema_text() -> str:
    return json.dumps(profile_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
