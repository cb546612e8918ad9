"""``README.txt``: what a bundle is and how to check it, in Chinese and English.

The commands are those of DESIGN.md §6, for Linux/macOS and, first-class beside them,
for Windows (PowerShell, ``certutil``, the OpenSSH client Windows ships); they name the
bundle's real file name, quoted for each shell, so a receiver pastes them as printed.
The file is UTF-8 with a byte order mark and CRLF line ends (:func:`readme_bytes`): every
Notepad shows it right, including those before Windows 10 1903, which read a file
without a mark as the local ANSI code page, and before 1809, which ignore a bare LF.
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

FOLDER = "b"  # where the commands unpack the bundle
SUMS_CHECK = f"sha256sum -c {SHA256SUMS}"
MAC_SUMS_CHECK = f"shasum -a 256 -c {SHA256SUMS}"
SIG_CHECK = (
    f"ssh-keygen -Y verify -f {ALLOWED_SIGNERS} -I {PRINCIPAL} -n {NAMESPACE} "
    f"-s {SIGNATURE} < {SHA256SUMS}"
)
TSA_ROOT = "<TSA-root.pem>"
TSR_CHECK = f"openssl ts -verify -data {SHA256SUMS} -in {TIMESTAMP_TOKEN} -CAfile {TSA_ROOT}"
# PowerShell: each SHA256SUMS line is "<hex>  <path>" (UTF-8, forward slashes, which
# Windows accepts); Get-Content must be told UTF-8 (Windows PowerShell 5.1 reads the
# ANSI code page otherwise) and -eq compares the hex case-insensitively.
PS_SUMS_CHECK = (
    f"Get-Content -Encoding UTF8 {SHA256SUMS} | ForEach-Object {{ $h, $f = $_ -split '  ', 2; "
    "if ((Get-FileHash -Algorithm SHA256 -LiteralPath $f).Hash -eq $h) "
    '{ "OK      $f" } else { "FAILED  $f" } }'
)
# PowerShell's "<" is reserved and its pipe re-encodes text, so cmd feeds the raw bytes.
PS_SIG_CHECK = f'cmd /c "{SIG_CHECK}"'
BOM = "\ufeff"

# Characters PowerShell takes as a single quote inside a single-quoted string.
_PS_QUOTES = "'\u2018\u2019\u201a\u201b"


def sh_quoted(text: str) -> str:
    """``text`` as one word for sh/bash/zsh, always quoted."""
    return "'" + text.replace("'", "'\"'\"'") + "'"


def ps_quoted(text: str) -> str:
    """``text`` as a PowerShell single-quoted (verbatim) string."""
    return "'" + "".join(c * 2 if c in _PS_QUOTES else c for c in text) + "'"


def cmd_quoted(text: str) -> str:
    """``text`` as one argument for cmd.exe (Windows names never hold a double quote)."""
    return f'"{text}"'


def unzip_command(bundle_name: str) -> str:
    return f"unzip {sh_quoted(bundle_name)} -d {FOLDER} && cd {FOLDER}"


def expand_command(bundle_name: str) -> str:
    return f"Expand-Archive -LiteralPath {ps_quoted(bundle_name)} -DestinationPath {FOLDER}; cd {FOLDER}"


def certutil_command(path: str) -> str:
    """``certutil`` hashing one file of the bundle, its path in Windows' form."""
    return f"certutil -hashfile {cmd_quoted(path.replace('/', chr(92)))} SHA256"


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
            '在 Windows PowerShell 中，含 < 的 ssh-keygen 命令须像上面那样放在 cmd /c "…" 中运行。\n'
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
        'In Windows PowerShell, run each ssh-keygen line holding < inside cmd /c "…", as above.\n'
        f"{missing}"
    )


def _windows_commands(bundle_name: str, example_file: str | None) -> tuple[str, str]:
    """The PowerShell lines, and the certutil line for one file (empty without one)."""
    lines = "\n".join(
        f"  {line}" for line in (expand_command(bundle_name), PS_SUMS_CHECK, PS_SIG_CHECK)
    )
    return lines, (f"  {certutil_command(example_file)}" if example_file else "")


def readme_text(
    *,
    bundle_name: str,
    bundle_id: str,
    created_at: str,
    fingerprint: str,
    items: int,
    statements: list[str] | None = None,
    items_without_time: int | None = None,
    notes: int = 0,
    example_file: str | None = None,
    transcripts: int = 0,
) -> str:
    """The README's text with LF line ends; :func:`readme_bytes` is what a bundle holds.

    ``bundle_name`` is the bundle's file name, which the commands name; ``example_file``
    (a path in the bundle) is the one the ``certutil`` line hashes.
    """
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
    unix = "\n".join(f"  {line}" for line in (unzip_command(bundle_name), SUMS_CHECK, SIG_CHECK))
    windows, certutil = _windows_commands(bundle_name, example_file)
    quoted = sh_quoted(bundle_name)
    zh_certutil = (
        "在“命令提示符”（cmd）中也可逐个核对文件，把显示的值与 "
        f"{SHA256SUMS}（用记事本打开）中该文件那一行比对：\n\n{certutil}\n\n"
        if certutil
        else ""
    )
    en_certutil = (
        "In the Command Prompt (cmd) a single file can be checked too: compare the value it "
        f"prints\nwith that file's line in {SHA256SUMS} (open it in Notepad):\n\n{certutil}\n\n"
        if certutil
        else ""
    )
    return f"""证据包 / Evidence bundle
========================

包文件 Bundle file: {bundle_name}
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

无需安装本软件，用系统自带的工具即可核验。在证据包（ZIP 文件）所在的文件夹中打开终端
（Windows：在文件资源管理器中打开该文件夹，按住 Shift 右击空白处，选“在此处打开 PowerShell
窗口”；Windows 11 右击选“在终端中打开”），逐行粘贴下面的命令。若 ZIP 文件已被改名，请把
第一条命令中的文件名换成实际的名称。

Windows 10 / 11（PowerShell：在开始菜单搜索 PowerShell）：

{windows}

第二条命令对每个文件显示一行 OK，不得有 FAILED；第三条应显示
Good "{NAMESPACE}" signature for {PRINCIPAL}。
第三条用到 Windows 自带的 OpenSSH 客户端（需 8.1 或更高版本，ssh -V 可查看；若提示找不到
ssh-keygen，可在“设置 → 系统 → 可选功能”中添加“OpenSSH 客户端”）。
{zh_certutil}Linux / macOS（终端）：

{unix}

第二条命令应对每个文件显示“成功”（OK）；第三条应显示
Good "{NAMESPACE}" signature for {PRINCIPAL}。
macOS 若没有 sha256sum，用下面一行代替第二条：

  {MAC_SUMS_CHECK}

若包内有 {TIMESTAMP_TOKEN}（可信时间戳），还可用 openssl 核验（Windows 上可用 Git for
Windows 自带的 openssl）：

  {TSR_CHECK}

（{TSA_ROOT} 是时间戳机构的根证书，须从该机构或其他可信途径获得。）

【可信时间】

{zh_time}
注意：{ALLOWED_SIGNERS} 中的公钥随包附带，任何人都能换上自己的密钥重新签名。
请通过其他途径（例如当面或电话）向提交人索取其密钥指纹，与上面的指纹比对，才能确认签名人
身份；也可运行 evault verify --expect-key <提交人告知的指纹> {quoted} 自动比对，
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

Check it with the tools the system comes with, no need to install this app: open a
terminal in the folder that holds the bundle, the ZIP file (on Windows: open the folder
in File Explorer, Shift+right-click an empty spot and choose "Open PowerShell window
here"; on Windows 11, right-click and choose "Open in Terminal") and paste the lines
below one by one. If the ZIP file was renamed, put its actual name in the first line.

Windows 10 / 11 (PowerShell: search the Start menu for PowerShell):

{windows}

The second line must print OK for every file and no FAILED; the third must print
Good "{NAMESPACE}" signature for {PRINCIPAL}.
The third uses the OpenSSH client built into Windows (version 8.1 or later, shown by
ssh -V; if ssh-keygen is not found, add "OpenSSH Client" under Settings > System >
Optional features).
{en_certutil}Linux / macOS (terminal):

{unix}

The second line must print OK for every file; the third must print
Good "{NAMESPACE}" signature for {PRINCIPAL}.
On a macOS without sha256sum, use this for the second line:

  {MAC_SUMS_CHECK}

When the bundle holds {TIMESTAMP_TOKEN} (a trusted time-stamp), also check it with openssl
(on Windows, the openssl that comes with Git for Windows):

  {TSR_CHECK}

({TSA_ROOT} is the time-stamp authority's root certificate, obtained from it or another
trusted source.)

[Trusted time]

{en_time}
Note: the public key in {ALLOWED_SIGNERS} travels with the bundle, and anyone can re-sign
with a key of their own. Compare the fingerprint above with one obtained from the sender
another way (in person, by phone) to know who signed, or run
`evault verify --expect-key <fingerprint the sender gave you> {quoted}`, which compares
it for you and also checks the custody hash chains.

What this bundle proves: these files have not changed since they were signed by the key
with fingerprint {fingerprint} (which shows the sender signed only if that fingerprint
matches one the sender gave you another way). What it does not prove: that a file was not
fabricated or edited before it was signed, including before it was imported into the vault.
The phone that recorded the calls is the original carrier; keep it safe for comparison.
"""


def readme_bytes(text: str) -> bytes:
    """``README.txt`` as a bundle holds it: ``text`` (from :func:`readme_text`) in UTF-8
    with a byte order mark and CRLF line ends, for Windows Notepad."""
    return (BOM + text.replace("\r\n", "\n").replace("\n", "\r\n")).encode("utf-8")
