"""Stage 1 of the pipeline: load and validate the company profile."""
from sskit.profile.loader import parse_profile, parse_profile_with_source, read_profile, read_profile_with_source
from sskit.profile.model import Profile

__all__ = ["Profile", "parse_profile", "parse_profile_with_source", "read_profile", "read_profile_with_source"]
