"""Synthetic but valid company profiles for benchmarks: S, M and L.

    python bench/generate.py OUTDIR            # writes S.yaml, M.yaml, L.yaml
    python bench/generate.py OUTDIR --size M   # one of them

Sizes (departments / outlets / products): S 10/20/10, M 40/500/60, L 120/5000/300.
Deterministic: the same size always gives the same file.
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

import yaml

from sskit.profile import vocab
from sskit.profile.fields import credit_check_char

SIZES = {"S": (10, 20, 10), "M": (40, 500, 60), "K2": (40, 2000, 60), "L": (120, 5000, 300), "XL": (120, 20000, 300)}
PROVINCES = [("浙江省", "杭州市", "0571"), ("江苏省", "南京市", "025"), ("上海市", "上海市", "021"),
             ("安徽省", "合肥市", "0551"), ("福建省", "福州市", "0591"), ("山东省", "济南市", "0531"),
             ("湖北省", "武汉市", "027"), ("湖南省", "长沙市", "0731"), ("河南省", "郑州市", "0371"),
             ("江西省", "南昌市", "0791"), ("广东省", "广州市", "020"), ("四川省", "成都市", "028")]
FUNCTION_GROUPS = [
    ["service_management", "customer_service", "complaints"], ["repair", "technical_support", "installation"],
    ["parts", "warehouse", "recycling"], ["quality", "supervision", "standardization"], ["rd", "production"],
    ["sales", "marketing", "delivery"], ["hr", "training"], ["it"], ["finance", "procurement"], ["legal"],
]
CATEGORIES = ["refrigerator", "air_conditioner", "washing_machine", "range_hood", "gas_water_heater",
              "electric_water_heater", "dishwasher", "water_purifier", "small_appliance", "microwave_oven"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬斌宇浩凯"


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)


def build(size: str) -> dict:
    n_depts, n_outlets, n_products = SIZES[size]
    rng = random.Random(f"sskit-bench-{size}")
    top = person(rng)
    departments = [{"id": "gm", "name": "总经理办公室", "head": top, "functions": ["management", "administration", "legal"]}]
    for i in range(1, n_depts):
        group = FUNCTION_GROUPS[(i - 1) % len(FUNCTION_GROUPS)]
        parent = "gm" if i <= len(FUNCTION_GROUPS) else f"d{(i - 1) % len(FUNCTION_GROUPS) + 1:03d}"
        departments.append({"id": f"d{i:03d}", "name": f"{vocab.FUNCTIONS[group[0]]}{'部' if i <= 10 else f'{i}科'}",
                            "parent": parent, "head": person(rng), "functions": group, "staff": rng.randint(5, 80)})
    products = []
    for i in range(n_products):
        category = CATEGORIES[i % len(CATEGORIES)]
        label = vocab.CATEGORIES[category]["label"]
        products.append({
            "id": f"p{i:03d}", "name": f"示范{label}{i + 1}系列", "category": category,
            "models": [f"M{i:03d}-{j}" for j in range(3)],
            "installation_required": category in ("air_conditioner", "range_hood", "gas_water_heater", "water_purifier"),
            "delivery": True,
            "warranty": {"return_days": 7, "exchange_days": 15, "whole_unit_months": 36,
                         "main_parts": [{"name": "主要部件", "months": 72}]},
            "parts": [{"name": f"备件{j + 1}", "price": 50 + 10 * j, "unit": "元/只"} for j in range(3)],
            "labour_fee": {"price": 60 + 10 * (i % 5), "unit": "元/次"},
        })
    sold = sorted({p["category"] for p in products})
    outlets = []
    for i in range(n_outlets):
        province, city, area = PROVINCES[i % len(PROVINCES)]
        outlets.append({
            "id": f"o{i:05d}", "name": f"{city}第{i + 1}服务站", "kind": ["直营", "特约", "授权", "第三方"][i % 4],
            "province": province, "city": city, "address": f"{city}示范路{i + 1}号",
            "phone": f"{area}-{8000000 + i:08d}"[:len(area) + 9], "hours": "08:30-17:30",
            "manager": person(rng), "technicians": 2 + i % 6, "categories": sold,
            **({} if i % 4 == 0 else {"contract": {"number": f"HT-{i:05d}", "start": "2026-01-01", "end": "2027-12-31"}}),
        })
    base = "91330108MA2B0C1D2"
    return {
        "company": {"name": f"示范{size}电器股份有限公司", "short_name": f"示范{size}", "credit_code": base + credit_check_char(base),
                    "address": "浙江省杭州市滨江区示范路1号", "industry": "家用电器制造", "business_type": "manufacturer",
                    "top_manager": {"name": top, "title": "总经理"}, "certified_service_managers": 60,
                    "service_philosophy": "用心服务每一位顾客",
                    "sales_regions": sorted({p for p, _, _ in PROVINCES[:min(len(PROVINCES), n_outlets)]})},
        "service_head": {"name": departments[1]["head"], "title": "副总经理", "reports_to": "top_manager",
                         "department": "d001", "appointed": "2026-01-01"},
        "departments": departments,
        "outlets": outlets,
        "products": products,
        "commitments": {
            "hotline": "400-800-1234", "hotline_hours": "7×24小时", "online_channels": ["微信公众号"],
            "supervision_channels": ["服务监督电话 0571-88886600"],
            "response_hours": 2, "onsite": [{"area": "城区", "hours": 24}, {"area": "县城及乡镇", "hours": 48}],
            "repair_days": 3, "callback_days": 3, "complaint_response_hours": 24, "complaint_resolution_days": 7,
            "satisfaction_target": 95, "parts_retention_years": 6,
            "fees": {"publicity": ["各服务网点服务大厅"], "items": [{"name": "上门检测费", "price": 30, "unit": "元/次"}]},
            "take_back": "以旧换新时上门回收旧机，交由有资质的拆解企业处理。",
        },
        "training": {"year": 2026, "hours_per_role": {"technician": 40, "customer_service": 24, "installer": 24,
                                                       "delivery": 8, "outlet_staff": 16, "all_staff": 8},
                     "trainers": [{"name": departments[1]["head"], "title": "副总经理", "department": "d001"}],
                     "incentives": ["服务之星评选"], "employee_care": ["一线员工年度体检"]},
        "document_control": {"prefix": f"SF{size}/SS", "version": "A/0", "effective_date": "2026-01-01",
                             "drafted_by": person(rng), "reviewed_by": departments[1]["head"], "approved_by": top},
    }


class _PlainDumper(yaml.SafeDumper):
    """Writes every value out (PyYAML would share repeated lists through &anchors)."""

    def ignore_aliases(self, data) -> bool:
        return True


def dump(profile: dict) -> str:
    return yaml.dump(profile, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--size", choices=sorted(SIZES), action="append")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    for size in args.size or sorted(SIZES, key=list(SIZES).index):
        path = args.outdir / f"{size}.yaml"
        path.write_text(dump(build(size)), encoding="utf-8")
        print(path)


if __name__ == "__main__":
    main()


def compile_tree(root: Path) -> None:
    """Write the bytecode of the sskit package under `root`, as `pip install` does: a checkout
    measured where PYTHONDONTWRITEBYTECODE is set would otherwise compile every module in every
    build process (about 0.3 s a process on this machine)."""
    import compileall

    compileall.compile_dir(str(Path(root) / "sskit"), quiet=1)

