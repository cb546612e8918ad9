"""The fixed shape of an evidence bundle (DESIGN.md §6): file names, the signing
namespace and principal, evidence file names, and the ``SHA256SUMS`` format.

Receivers follow the README inside a bundle to the letter, so these names are a
contract: change them only with a new manifest schema version.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from datetime import date

from vault.errors import VaultError

SHA256SUMS = "SHA256SUMS"
SIGNATURE = "SHA256SUMS.sig"
TIMESTAMP_TOKEN = "SHA256SUMS.tsr"  # noqa: S105 - an RFC 3161 token file name, not a secret
ALLOWED_SIGNERS = "allowed_signers"
MANIFEST = "manifest.json"
README = "README.txt"
EVIDENCE_DIR = "evidence/"
REPORT_DIR = "report/"
TIMESTAMPS_DIR = "timestamps/"
TIMESTAMPS = TIMESTAMPS_DIR.rstrip("/")
REPORT_HTML = "report/evidence-list.html"
REPORT_PDF = "report/evidence-list.pdf"
TRANSCRIPTS_DIR = "report/transcripts/"

NAMESPACE = "evidence-vault"  # SSHSIG namespace (ssh-keygen -n)
PRINCIPAL = "evidence-vault"  # the one principal of allowed_signers (ssh-keygen -I)

# A note (当事人陈述) travels as a text file under evidence/, its bytes made from its
# text alone (vault.note_file), so a verifier recomputes them from its custody event.
NOTE_KIND = "note"
NOTE_MEDIA_TYPE = "text/plain; charset=utf-8"

# Files SHA256SUMS does not cover: the signature and time-stamp token are made over it.
NOT_SUMMED = frozenset({SHA256SUMS, SIGNATURE, TIMESTAMP_TOKEN})

_UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_SAFE_EXT = re.compile(r"[a-z0-9]{1,8}")
_MAX_SEGMENT = 60


class SumsFormatError(VaultError):
    """``SHA256SUMS`` is not in the coreutils format this app writes."""

    code = "bundle_sums_format"
    exit_code = 1


def path_segment(name: str, fallback: str) -> str:
    """``name`` made safe as one folder name on Windows, macOS and Linux.

    Path separators, characters Windows forbids and control characters become ``_``;
    leading dots and trailing dots or spaces are dropped (a receiver must see every
    file); the result is NFC-normalised (macOS would otherwise rename it on unzip) and
    at most 60 characters. An empty result becomes ``fallback``.
    """
    text = _UNSAFE_CHARS.sub("_", unicodedata.normalize("NFC", name)).strip()
    text = text.lstrip(".").rstrip(". ")[:_MAX_SEGMENT].rstrip(". ")
    return text or fallback


# The first word of a bundle's default file name, per language of its evidence list.
BUNDLE_FILE_WORD = {"zh_CN": "证据包", "zh_TW": "證據包", "en": "evidence_bundle"}
_WHITESPACE = re.compile(r"\s+")


def bundle_file_name(lender: str | None, day: date, language: str) -> str:
    """The default name of a bundle: ``证据包_<lender>_<YYYY-MM-DD>.zip``.

    No spaces (a space becomes ``_``), so the commands README.txt prints with the name
    work even where a receiver drops the quotes; the lender is made safe as a file name
    (:func:`path_segment`). The word follows the evidence list's language.
    """
    word = BUNDLE_FILE_WORD.get(language, BUNDLE_FILE_WORD["zh_CN"])
    parts = [word]
    if lender and lender.strip():
        parts.append(_WHITESPACE.sub("_", path_segment(lender, "_")))
    parts.append(day.isoformat())
    return "_".join(parts) + ".zip"


def extension(original_name: str) -> str:
    """The lower-case extension of the original file name, or ``bin`` when it has none safe."""
    _, dot, ext = original_name.rpartition(".")
    ext = ext.lower()
    return ext if dot and _SAFE_EXT.fullmatch(ext) else "bin"


@dataclass(frozen=True)
class EvidenceName:
    lender_folder: str
    number: int
    width: int
    incident_date: date
    kind: str
    ext: str

    @property
    def path(self) -> str:
        """``evidence/<lender>/<NNN>_<incident date>_<kind>.<ext>``."""
        stem = f"{self.number:0{self.width}d}_{self.incident_date.isoformat()}_{self.kind}"
        return f"{EVIDENCE_DIR}{self.lender_folder}/{stem}.{self.ext}"


def transcript_paths(evidence_path: str) -> tuple[str, str]:
    """Where a recording's 录音文字稿 lies: for ``evidence/<lender>/<stem>.<ext>``,
    ``report/transcripts/<lender>/<stem>_transcript.html`` and the same ``.pdf``."""
    stem = evidence_path.removeprefix(EVIDENCE_DIR).rsplit(".", 1)[0]
    base = f"{TRANSCRIPTS_DIR}{stem}_transcript"
    return f"{base}.html", f"{base}.pdf"


def number_width(count: int) -> int:
    """Digits for the running numbers: three (001), more when there are over 999 items."""
    return max(3, len(str(count)))


# --- SHA256SUMS -------------------------------------------------------------------------
# The format is what GNU coreutils ``sha256sum`` writes and ``sha256sum -c`` reads:
# one line per file, "<64 lowercase hex>" + two spaces (text mode) + the path, "\n".
# Names holding a backslash or newline would be escaped by coreutils with a leading
# backslash; the exporter never writes such names and the verifier refuses them.
# Source: GNU coreutils manual, "md5sum invocation" (shared by sha256sum).

_SUM_LINE = re.compile(r"([0-9a-f]{64}) ([ *])(.+)")


def format_sums(entries: list[tuple[str, str]]) -> bytes:
    """The ``SHA256SUMS`` text for ``(path, sha256 hex)`` pairs, in the order given."""
    lines = []
    for path, digest in entries:
        if "\n" in path or "\\" in path or "\r" in path:
            raise SumsFormatError(f"The bundle path {path!r} cannot be written to SHA256SUMS.")
        lines.append(f"{digest}  {path}\n")
    return "".join(lines).encode("utf-8", "replace")


def parse_sums(data: bytes) -> dict[str, str]:
    """Read ``SHA256SUMS`` strictly: path -> lowercase hex digest, every line well formed."""
    if data and not data.endswith(b"\n"):
        raise SumsFormatError("SHA256SUMS does not end with a newline: it was cut short.")
    sums: dict[str, str] = {}
    start, number = 0, 0
    while start < len(data):  # one line at a time: the file may list 60,000 names
        end = data.index(b"\n", start)
        try:  # a line break never lies inside a UTF-8 sequence: line by line is the same
            line = data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            raise SumsFormatError("SHA256SUMS is not UTF-8 text.") from None
        start, number = end + 1, number + 1
        match = _SUM_LINE.fullmatch(line)
        if match is None:
            raise SumsFormatError(f"Line {number} of SHA256SUMS is not '<sha256>  <file>'.")
        digest, _, path = match.groups()
        if path in sums:
            raise SumsFormatError(f"SHA256SUMS lists {path} twice.")
        sums[sys.intern(path)] = digest  # the same string as the archive's name
    if not sums:
        raise SumsFormatError("SHA256SUMS lists no files.")
    return sums
