"""Regeneration: what changed between two profiles, and which documents it touches."""
