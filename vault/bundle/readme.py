"""``README.txt``: what a bundle is and how to check it, in Chinese and English.

The commands are exactly those of DESIGN.md §6; a receiver types them as printed.
"""

from __future__ import annotations

from vault.bundle.layout import (
    ALLOWED_SIGNERS,
    MANIFEST,
    NAMESPACE,
    PRINCIPAL,
    REPORT_HTML,
    REPORT_PDF,
    SHA256SUMS,
    SIGNATURE,
    TIMESTAMP_TOKEN,
)

UNZIP = "unzip bundle.zip -d b && cd b"
SUMS_CHECK = f"sha256sum -c {SHA256SUMS}"
SIG_CHECK = (
    f"ssh-keygen -Y verify -f {ALLOWED_SIGNERS} -I {PRINCIPAL} -n {NAMESPACE} "
    f"-s {SIGNATURE} < {SHA256SUMS}"
)
TSR_CHECK = f"openssl ts -verify -data {SHA256SUMS} -in {TIMESTAMP_TOKEN} -CAfile <TSA-root.pem>"


def readme_text(*, bundle_id: str, created_at: str, fingerprint: str, items: int) -> str:
    return f"""证据包 / Evidence bundle
========================

包编号 Bundle ID: {bundle_id}
生成时间 Created (UTC): {created_at}
证据数量 Items: {items}
签名密钥指纹 Signing key fingerprint: {fingerprint}

【中文】

这是由“证据保管箱”（Evidence Vault）导出的证据包，内含催收骚扰证据的原始文件。
evidence/ 目录中的文件与导入时的原始文件逐字节相同；每个文件的 SHA-256 值记录在
{SHA256SUMS} 中，该清单由保管箱的 Ed25519 密钥签名（{SIGNATURE}）。
{REPORT_PDF} 和 {REPORT_HTML} 是证据目录；{MANIFEST} 是机器可读的说明，
包括每件证据的保管记录（哈希链）。

无需安装本软件，用标准工具即可核验（Linux / macOS 终端，Windows 可用 WSL 或 Git Bash）：

  {UNZIP}
  {SUMS_CHECK}
  {SIG_CHECK}

第一条命令应对每个文件显示“成功”（OK）；第二条应显示
Good "{NAMESPACE}" signature for {PRINCIPAL}。
若包内有 {TIMESTAMP_TOKEN}（可信时间戳），还可核验：

  {TSR_CHECK}

注意：{ALLOWED_SIGNERS} 中的公钥随包附带，只能证明包内文件由该密钥签名后未被改动。
请通过其他途径（例如当面或电话）向提交人核对上面的密钥指纹，才能确认签名人身份。
也可运行 evault verify bundle.zip，它还会核验保管记录的哈希链。

本包能证明：这些文件自导入保管箱后未被改动。本包不能证明：文件在导入之前未被伪造或
剪辑。存有原始录音的手机是原始载体，请妥善保存，以备核对。

[English]

This is an evidence bundle exported by Evidence Vault. It holds the original files of
debt-collection harassment evidence. The files under evidence/ are byte for byte the
files that were imported; {SHA256SUMS} lists the SHA-256 of every file, and
{SIGNATURE} is the vault's Ed25519 signature of that list. {REPORT_PDF} and
{REPORT_HTML} are the evidence list; {MANIFEST} describes everything in machine-readable
form, including each item's hash-chained custody events.

Check it with standard tools only (Linux or macOS terminal; on Windows, WSL or Git Bash):

  {UNZIP}
  {SUMS_CHECK}
  {SIG_CHECK}

The first command must print OK for every file; the second must print
Good "{NAMESPACE}" signature for {PRINCIPAL}.
When the bundle holds {TIMESTAMP_TOKEN} (a trusted time-stamp), also run:

  {TSR_CHECK}

Note: the public key in {ALLOWED_SIGNERS} travels with the bundle, so it proves only that
the files were not changed after that key signed them. Compare the fingerprint above with
one obtained from the sender another way (in person, by phone) to know who signed.
`evault verify bundle.zip` also checks the custody hash chains.

What this bundle proves: these files have not changed since they were imported into the
vault. What it does not prove: that a file was not fabricated or edited before import.
The phone that recorded the calls is the original carrier; keep it safe for comparison.
"""
