"""The forms of the manifest's fields (sskit/output/manifest.py documents them): shared by the
full reader (pydantic, sskit/output/manifest_schema.py) and the light one of the no-change check."""
from __future__ import annotations

import re

VERSION_FORM = r"^[A-Z]/\d{1,3}$"
DATE_FORM = r"^\d{4}-\d{2}-\d{2}$"
SHA256_FORM = r"^[0-9a-f]{64}$"
# a file the manifest vouches for lies in OUT itself or in one of sskit's own folders there:
# no other folder part, no "..", no hidden name
FILE_FORM = r"^((作废|修订对照)/)?[^/\\\x00-\x1f.][^/\\\x00-\x1f]*$"
FILE_NAME = re.compile(FILE_FORM)
SHA256 = re.compile(SHA256_FORM)
