"""Stage 2 (facts): who repairs the goods — the company, or the brands' authorised networks.

Takes the validated profile; returns a frozen `Network`. A seller whose goods are repaired
by the manufacturers' authorised service networks (products[].repair_network) does not
repair, visit or stock parts itself: it receives the request, checks the 三包 status,
refers the customer to the brand's centre or forwards (代送) the goods, follows the repair
up and keeps the customer informed. The documents say that, and the readiness rules stop
asking such a company for repair owners, labour rates and on-site limits.
"""
from __future__ import annotations

from dataclasses import dataclass

# the network's name when the profile names none: 华为 -> 华为授权服务中心
_DEFAULT_NETWORK = "{brand}授权服务中心"


@dataclass(frozen=True)
class BrandCentre:
    """One brand's authorised service network (品牌授权服务网络) and the lines it repairs."""
    brand: str  # 华为
    network: str  # 华为授权服务中心
    manufacturer: str  # 华为终端有限公司 ("" when the profile names none)
    hotline: str  # 950800 ("")
    website: str  # consumer.huawei.com ("")
    products: tuple[str, ...]  # the product lines' names

    @property
    def contact(self) -> str:
        """华为授权服务中心（服务热线950800，网站consumer.huawei.com） — only what the profile gives."""
        parts = ([f"服务热线{self.hotline}"] if self.hotline else []) + ([f"网站{self.website}"] if self.website else [])
        return self.network + (f"（{'，'.join(parts)}）" if parts else "")


@dataclass(frozen=True)
class Network:
    centres: tuple[BrandCentre, ...]  # one per brand network, in the profile's order
    brand_repaired: tuple[str, ...]  # names of the product lines the brands' networks repair
    own_repaired: tuple[str, ...]  # names of the product lines the company repairs itself

    @property
    def any(self) -> bool:
        return bool(self.brand_repaired)

    @property
    def all(self) -> bool:
        """Every product line is repaired by a brand network: the company repairs nothing itself."""
        return bool(self.brand_repaired) and not self.own_repaired

    @property
    def names(self) -> str:
        """华为授权服务中心、小米授权服务中心"""
        return "、".join(c.network for c in self.centres)

    @property
    def contacts(self) -> str:
        return "；".join(c.contact for c in self.centres)


def repair_network(profile) -> Network:
    """The brand networks that repair the company's goods, one per (brand, network name)."""
    centres: dict[tuple, dict] = {}
    brand, own = [], []
    for product in profile.products:
        net = product.repair_network
        if net is None:
            own.append(product.name)
            continue
        brand.append(product.name)
        label = product.brand or product.manufacturer or product.name
        name = net.name or _DEFAULT_NETWORK.format(brand=label)
        entry = centres.setdefault((label, name), {
            "manufacturer": product.manufacturer or "", "hotline": net.hotline or "",
            "website": net.website or "", "products": []})
        entry["products"].append(product.name)
        # a later line of the same brand may give the contact the first one left out
        entry["hotline"] = entry["hotline"] or net.hotline or ""
        entry["website"] = entry["website"] or net.website or ""
    return Network(
        tuple(BrandCentre(label, name, e["manufacturer"], e["hotline"], e["website"], tuple(e["products"]))
              for (label, name), e in centres.items()),
        tuple(brand), tuple(own))
