"""The writer tests' sample: Markdown with every construct, its DocumentMeta, and an unzipped-.docx helper.

A plain module (not conftest) so test modules can import it by a name unique in the test tree.
"""
from __future__ import annotations

import io
import zipfile

from lxml import etree

from sskit.markup import DocumentMeta, Revision, escape_markdown

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
INJECTION = "*ACME* | {{ 7*7 }} <script>"

SAMPLE_MD = f"""# 发布令 {{- id=release}}

为规范售后服务工作，依据 GB/T 27922-2011 编制本手册。联系人：{escape_markdown(INJECTION)}

# 范围 {{#scope}}

本手册适用于全部 3 大类产品。

## 服务承诺

1. 7×24 小时热线；
2. 2 小时响应。

处理流程：

3. 报修；
4. 派工：
   - 电话联系
   - 上门

## 服务网点

表：服务网点一览表

| 序号 | 网点地址（详细到门牌号） |
|:--:|---|
| 1 | 北京市朝阳区建国路88号华贸中心写字楼一座 |
| 2 | {escape_markdown(INJECTION)} |

### 人员 {{.unnumbered}}

Table: 人员配置

| 岗位 | 人数 |
|---|--:|
| 工程师 | 12 |

<!-- pagebreak -->

# 附录 {{-}}

附录正文。
"""

META = DocumentMeta(
    title="售后服务手册",
    number="HX/SS-01",
    version="A/0",
    company_name="华星电器有限公司",
    company_short="华星电器",
    issue_date="2026-01-01",
    effective_date="2026-01-15",
    drafted_by="李娜",
    reviewed_by="王芳",
    approved_by="张三",
    revisions=(Revision("A/0", "2026-01-01", "首次发布", "李娜"),),
    subject="GB/T 27922",
    keywords="售后服务",
)


class Package:
    """An unzipped .docx with XPath helpers."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.names = self.zip.namelist()

    def raw(self, name: str) -> bytes:
        return self.zip.read(name)

    def xml(self, name: str):
        return etree.fromstring(self.raw(name))

    def xpath(self, name: str, path: str):
        return self.xml(name).xpath(path, namespaces=NS)

    def text(self, name: str = "word/document.xml") -> str:
        return "".join(self.xpath(name, "//w:t/text()"))
