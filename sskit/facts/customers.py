"""Stage 2 (facts): who the customers are, and so which law governs the warranty.

The consumer law (消费者权益保护法), the 三包 rules and the 7-day no-reason return protect people who
buy for their own living (生活消费). A customer that buys for its business (a factory, a hotel, a
hospital: company.customers businesses) is served under the purchase contract it signed and the
Civil Code's contract rules: the quality agreed (民法典 Art. 510/511), inspection and the notice of a
defect (Art. 620/621), the remedies for a defect and the damages beyond them (Art. 617, 582-584),
and the seller's duty to repair, replace or take back what lacks the use it should have (产品质量法
Art. 40). The documents state the one or the other, or both where the company has both kinds of
customer.
"""
from __future__ import annotations

from dataclasses import dataclass

# The contract warranty for business customers, in the documents' words. Facts from the Civil Code
# (主席令第45号) and the Product Quality Law; every sentence is stated as the company's own rule.
CONTRACT_TERMS = (
    "单位客户的质保期、质量标准、检验（验收）方法和期限按购销合同约定执行；合同对质量要求没有约定或者约定不明确的，"
    "按强制性国家标准，没有的按推荐性国家标准、行业标准，再没有的按通常标准或者符合合同目的的特定标准确定"
    "（《民法典》第五百一十条、第五百一十一条）",
    "客户在约定的检验期限内提出质量异议的，本公司受理；没有约定检验期限的，在客户发现或者应当发现质量问题的合理期限内"
    "受理，设备有质量保证期的，在质量保证期内受理（《民法典》第六百二十条、第六百二十一条）",
    "设备质量不符合约定的，本公司按合同约定修理、更换或者退货；合同对此没有约定或者约定不明确的，客户可以根据设备的性质"
    "和损失的大小，合理选择要求修理、重作、更换、退货或者减少价款；本公司履行或者采取补救措施后客户还有其他损失的，"
    "依法赔偿损失（《民法典》第六百一十七条、第五百八十二条至第五百八十四条）",
    "售出的设备不具备应当具备的使用性能而事先未作说明、不符合注明采用的产品标准或者不符合产品说明、实物样品表明的"
    "质量状况的，本公司负责修理、更换、退货（《产品质量法》第四十条）",
)
CONTRACT_LAWS = ("《中华人民共和国民法典》（合同编）", "《中华人民共和国产品质量法》")


@dataclass(frozen=True)
class Customers:
    """Who the customers are (company.customers) and the words that follow from it."""
    kind: str  # consumers | businesses | both

    @property
    def consumers(self) -> bool:
        return self.kind in ("consumers", "both")

    @property
    def businesses(self) -> bool:
        return self.kind in ("businesses", "both")

    @property
    def business_only(self) -> bool:
        return self.kind == "businesses"

    @property
    def party(self) -> str:
        """Who a right belongs to, in a sentence about the law or the contract: 消费者 | 客户."""
        return "客户" if self.business_only else "消费者"

    @property
    def warranty_card(self) -> str:
        """The paper that goes with the goods and states the warranty: the 三包凭证 of the 三包
        rules, or, for business customers only, the 质量保证书 that states the contract warranty."""
        return "质量保证书" if self.business_only else "三包凭证"

    @property
    def client(self) -> str:
        """The customer on the forms and in the installation and delivery procedures: 顾客, or 客户
        (a business, served under its purchase contract) where every customer is a business."""
        return "客户" if self.business_only else "顾客"

    @property
    def client_name(self) -> str:
        """The form's field that names the customer: a person's name, or the business's name."""
        return "客户单位名称" if self.business_only else "顾客姓名"

    @property
    def contract_terms(self) -> tuple[str, ...]:
        """The contract warranty's rules, where some customers are businesses; () otherwise."""
        return CONTRACT_TERMS if self.businesses else ()

    @property
    def contract_laws(self) -> tuple[str, ...]:
        """The laws of the contract warranty (民法典 合同编, 产品质量法), where some customers are
        businesses; () otherwise. A procedure cites them beside, or instead of, the consumer law."""
        return CONTRACT_LAWS if self.businesses else ()

    @property
    def dispute(self) -> str:
        """Where a customer may turn when the company and the customer do not agree."""
        consumer = "消费者可以向消费者协会申请调解，或者向市场监督管理部门投诉（12315）"
        business = self.business_dispute
        if self.business_only:
            return business
        if self.businesses:
            return f"{consumer}；{business}"
        return consumer

    @property
    def business_dispute(self) -> str:
        """The business customers' own dispute route, where some customers are businesses (a
        document that keeps the consumers' route adds it); "" otherwise."""
        return "单位客户可以按合同约定的争议解决方式申请仲裁或者向人民法院起诉" if self.businesses else ""


def customers_of(profile) -> Customers:
    return Customers(profile.company.customers)
