"""Stage 1 of the pipeline: load and validate the company profile."""
from sskit.profile.loader import parse_profile, read_profile
from sskit.profile.model import Profile

__all__ = ["Profile", "parse_profile", "read_profile"]
