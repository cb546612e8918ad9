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
    TRANSCRIPTS_DIR,
)

UNZIP = "unzip bundle.zip -d b && cd b"
SUMS_CHECK = f"sha256sum -c {SHA256SUMS}"
SIG_CHECK = (
    f"ssh-keygen -Y verify -f {ALLOWED_SIGNERS} -I {PRINCIPAL} -n {NAMESPACE} "
    f"-s {SIGNATURE} < {SHA256SUMS}"
)
TSA_ROOT = "<TSA-root.pem>"
TSR_CHECK = f"openssl ts -verify -data {SHA256SUMS} -in {TIMESTAMP_TOKEN} -CAfile {TSA_ROOT}"


def statement_checks(statement: str) -> tuple[str, str]:
    """The commands that check one checkpoint statement: its token, then its signature."""
    token = (
        f"openssl ts -verify -data {statement} -in {statement}.tsr -CAfile {TSA_ROOT} "
        f"-untrusted {statement}.tsa-chain.pem"
    )
    signature = (
        f"ssh-keygen -Y verify -f {ALLOWED_SIGNERS} -I {PRINCIPAL} -n {NAMESPACE} "
        f"-s {statement}.sig < {statement}"
    )
    return token, signature


def _time_section(statements: list[str], without_time: int, items: int, zh: bool) -> str:
    commands = "\n".join(f"  {line}" for s in statements for line in statement_checks(s))
    if not statements:
        return (
            "本包中没有已盖戳的检查点：未证明证据的存在时间。\n"
            if zh
            else "This bundle holds no stamped checkpoint: when the evidence existed is not proven.\n"
        )
    if zh:
        missing = (
            f"另有 {without_time} 件证据尚无已盖戳的检查点，未证明其存在时间。\n"
            if without_time
            else ""
        )
        return (
            f"{items - without_time} 件证据的存在时间由 timestamps/ 中的检查点证明：每个检查点声明\n"
            "（Merkle 树根）由保险箱密钥签名（.sig），并由时间戳机构按 RFC 3161 盖戳（.tsr）；\n"
            f"{MANIFEST} 中每件证据的 inclusion_proof 把该证据连到检查点的树根。核验每个检查点：\n\n"
            f"{commands}\n\n"
            "openssl 应显示 Verification: OK；用 openssl ts -reply -in <文件>.tsr -text 可看到盖戳时间。\n"
            f"{missing}"
        )
    missing = (
        f"Items not yet covered by a stamped checkpoint, so with no trusted time proven: "
        f"{without_time}.\n"
        if without_time
        else ""
    )
    return (
        f"The time of {items - without_time} items is proven by the checkpoints under "
        "timestamps/: each checkpoint statement\n(a Merkle root) is signed by the vault key "
        "(.sig) and stamped by a time-stamp authority (.tsr, RFC 3161);\neach item's "
        f"inclusion_proof in {MANIFEST} links it to that root. Check every checkpoint:\n\n"
        f"{commands}\n\n"
        "openssl must print Verification: OK; openssl ts -reply -in <file>.tsr -text shows the "
        "time.\n"
        f"{missing}"
    )


def readme_text(
    *,
    bundle_id: str,
    created_at: str,
    fingerprint: str,
    items: int,
    statements: list[str] | None = None,
    items_without_time: int | None = None,
    notes: int = 0,
    transcripts: int = 0,
) -> str:
    statements = statements or []
    zh_transcripts = (
        f"{TRANSCRIPTS_DIR} 中是 {transcripts} 段录音的文字稿（录音文字稿，HTML 和 PDF），各写明所依据的\n"
        "录音文件及其 SHA-256；文字稿依据原始录音整理，内容以原始录音为准。\n"
        if transcripts
        else ""
    )
    en_transcripts = (
        f"{TRANSCRIPTS_DIR} holds the transcripts of {transcripts} recordings (录音文字稿, HTML and\n"
        "PDF), each naming its recording's file and SHA-256; the original recording prevails.\n"
        if transcripts
        else ""
    )
    zh_notes = (
        f"其中 {notes} 个以 _note.txt 结尾的文件是当事人本人写下的陈述（笔记），按写下时记录的原文\n"
        "生成（UTF-8 文本，可用记事本打开），原文也在其保管记录中。\n"
        if notes
        else ""
    )
    en_notes = (
        f"Files ending in _note.txt ({notes} here) are statements the borrower wrote down (notes),\n"
        "made from the text recorded when each was written (UTF-8 text; Notepad opens them);\n"
        "that text is also in their custody record.\n"
        if notes
        else ""
    )
    without = items if items_without_time is None else items_without_time
    zh_time = _time_section(statements, without, items, zh=True)
    en_time = _time_section(statements, without, items, zh=False)
    return f"""证据包 / Evidence bundle
========================

包编号 Bundle ID: {bundle_id}
生成时间 Created (UTC): {created_at}
证据数量 Items: {items}
签名密钥指纹 Signing key fingerprint: {fingerprint}

【中文】

这是由“证据保险箱”（Evidence Vault）导出的证据包，内含催收骚扰证据的原始文件。
evidence/ 目录中的文件与导入时的原始文件逐字节相同；每个文件的 SHA-256 值记录在
{SHA256SUMS} 中，该清单由保险箱的 Ed25519 密钥签名（{SIGNATURE}）。
{zh_notes}{REPORT_PDF} 和 {REPORT_HTML} 是证据目录；{MANIFEST} 是机器可读的说明，
包括每件证据的保管记录（哈希链）。
{zh_transcripts}

无需安装本软件，用标准工具即可核验（Linux / macOS 终端，Windows 可用 WSL 或 Git Bash）：

  {UNZIP}
  {SUMS_CHECK}
  {SIG_CHECK}

第一条命令应对每个文件显示“成功”（OK）；第二条应显示
Good "{NAMESPACE}" signature for {PRINCIPAL}。
若包内有 {TIMESTAMP_TOKEN}（可信时间戳），还可核验：

  {TSR_CHECK}

（{TSA_ROOT} 是时间戳机构的根证书，须从该机构或其他可信途径获得。）

【可信时间】

{zh_time}
注意：{ALLOWED_SIGNERS} 中的公钥随包附带，任何人都能换上自己的密钥重新签名。
请通过其他途径（例如当面或电话）向提交人索取其密钥指纹，与上面的指纹比对，才能确认签名人
身份；也可运行 evault verify --expect-key <提交人告知的指纹> bundle.zip 自动比对，
它还会核验保管记录的哈希链。

本包能证明：这些文件自被指纹为 {fingerprint} 的密钥签名之后未被改动
（仅当该指纹与提交人另行告知的指纹一致时，才能说明是提交人签的名）。
本包不能证明：文件在签名之前（包括导入保险箱之前）未被伪造或剪辑。
存有原始录音的手机是原始载体，请妥善保存，以备核对。

[English]

This is an evidence bundle exported by Evidence Vault. It holds the original files of
debt-collection harassment evidence. The files under evidence/ are byte for byte the
files that were imported; {SHA256SUMS} lists the SHA-256 of every file, and
{SIGNATURE} is the vault's Ed25519 signature of that list.
{en_notes}{REPORT_PDF} and
{REPORT_HTML} are the evidence list; {MANIFEST} describes everything in machine-readable
form, including each item's hash-chained custody events.
{en_transcripts}

Check it with standard tools only (Linux or macOS terminal; on Windows, WSL or Git Bash):

  {UNZIP}
  {SUMS_CHECK}
  {SIG_CHECK}

The first command must print OK for every file; the second must print
Good "{NAMESPACE}" signature for {PRINCIPAL}.
When the bundle holds {TIMESTAMP_TOKEN} (a trusted time-stamp), also run:

  {TSR_CHECK}

({TSA_ROOT} is the time-stamp authority's root certificate, obtained from it or another
trusted source.)

[Trusted time]

{en_time}
Note: the public key in {ALLOWED_SIGNERS} travels with the bundle, and anyone can re-sign
with a key of their own. Compare the fingerprint above with one obtained from the sender
another way (in person, by phone) to know who signed, or run
`evault verify --expect-key <fingerprint the sender gave you> bundle.zip`, which compares
it for you and also checks the custody hash chains.

What this bundle proves: these files have not changed since they were signed by the key
with fingerprint {fingerprint} (which shows the sender signed only if that fingerprint
matches one the sender gave you another way). What it does not prove: that a file was not
fabricated or edited before it was signed, including before it was imported into the vault.
The phone that recorded the calls is the original carrier; keep it safe for comparison.
"""
