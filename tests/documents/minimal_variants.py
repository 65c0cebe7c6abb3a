"""The unit-test fixture (tests/fixtures/minimal.yaml) with the lines a case needs changed, and
its set rendered to Markdown: shared by the tests of online sellers, returns and brand-repaired
goods. Not a test module."""
from __future__ import annotations

from pathlib import Path

from sskit.compliance import run_checks
from sskit.facts import derive_facts
from sskit.pipeline import render_document_set
from sskit.profile import parse_profile_with_source
from sskit.render import TemplateSet
from sskit.standard import load_catalogue
from sskit.standard.statutory import load_statutory

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CATALOGUE = load_catalogue()
TEXT = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
# sold online: the 7-day no-reason return applies
ONLINE = ("  sales_regions: [浙江省]\n", "  sales_regions: [浙江省]\n  sales_channels: [online]\n")
# the one line repaired by the brand's network, the on-site commitment dropped
BRAND = (("    labour_fee: {price: 80, unit: 元/次}\n",
          "    brand: 青禾\n    repair_network: {hotline: 400-826-9999}\n"),
         ("  onsite:\n    - {area: 杭州市城区, hours: 24}\n", ""))

# every customer a business (company.customers), or consumers and businesses both
BUSINESSES = ("  industry: 家用电器制造\n", "  industry: 商用制冷设备制造\n  customers: businesses\n")
BOTH = ("  industry: 家用电器制造\n", "  industry: 家用电器制造\n  customers: both\n")
# no return or exchange days: a business customer's contract states none
NO_DAYS = ("      return_days: 7\n      exchange_days: 15\n", "")


def replaced(text: str, *replacements) -> str:
    """`text` with each (old, new) replaced once (each old text must be there)."""
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def edited_profile(*replacements):
    """The fixture with each (old, new) replaced once (each old text must be there)."""
    profile, _ = parse_profile_with_source(replaced(TEXT, *replacements), "p.yaml")
    return profile


def checked(text: str):
    """The readiness check's result for a profile's text (sskit check, in this process)."""
    profile, source = parse_profile_with_source(text, "p.yaml")
    return run_checks(profile, source, CATALOGUE, load_statutory())


def markdown_set(profile) -> dict[str, str]:
    """Document key -> Markdown of the profile's whole set."""
    docs = render_document_set(profile, CATALOGUE, TemplateSet(), formats=(),
                               facts=derive_facts(profile, CATALOGUE))
    return {d.spec.key: d.markdown for d in docs}
