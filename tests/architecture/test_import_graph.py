"""Guard rails on how vault/ is put together, read from its own imports (ast)."""

from __future__ import annotations

import ast

from tests.architecture.import_graph import cycles, graph, modules


def test_vault_has_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_importing_is_the_one_caller_of_the_importers() -> None:
    # DESIGN §2: one import use case, which also makes the checkpoint after each import.
    entry_points = {
        "import_files": "vault.ingest.pipeline",
        "store_backup": "vault.backup.importer",
    }
    callers: set[tuple[str, str]] = set()
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module in entry_points.values():
                callers.update(
                    (name, alias.name) for alias in node.names if alias.name in entry_points
                )
    assert callers == {("vault.importing", "import_files"), ("vault.importing", "store_backup")}


# The layers of vault/, bottom to top. A module may import its own layer and the ones
# below it, never one above. The longest matching prefix names a module's layer.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "foundations: formats and primitives, no database",
        (
            "vault",
            "vault.errors",
            "vault.times",
            "vault.hashing",
            "vault.phones",
            "vault.image_formats",
            "vault.categories",
            "vault.case.complaint_codes",
            "vault.fsutil",
            "vault.portable",
            "vault.location",
            "vault.logfile",
            "vault.hardening",
            "vault.merkle",
            "vault.sshsig",
            "vault.age",
            "vault.children",
            "vault.kdf_process",
            "vault.passphrase",
            "vault.rfc3161",
            "vault.trusted_time.statement",
            "vault.note_file",
            "vault.lock",
            "vault.safekeeping.layout",
            "vault.safekeeping.retention",
            "vault.safekeeping.reminder",
            "vault.shipped",
        ),
    ),
    ("storage", ("vault.db", "vault.custody", "vault.dto", "vault.store", "vault.keys")),
    ("readers of evidence", ("vault.ingest", "vault.backup")),
    ("the vault handle", ("vault.handle", "vault.trusted_time")),
    (
        "the nouns",
        (
            "vault.lenders",
            "vault.items",
            "vault.notes",
            "vault.transcript",
            "vault.time_zone",
            "vault.listing",
            "vault.ocr",
            "vault.case.complaints",
            "vault.backup.importer",
            "vault.demo",
        ),
    ),
    (
        "use cases",
        (
            "vault.importing",
            "vault.receive",
            "vault.case",
            "vault.case.rules",
            "vault.check",
            "vault.bundle",
            "vault.safekeeping",
        ),
    ),
    (
        "interface",
        ("vault.cli", "vault.selftest"),
    ),
]


def layer_of(module: str) -> int | None:
    best: tuple[int, int] | None = None
    for number, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            nested = module.startswith(prefix + ".") and prefix != "vault"
            if (module == prefix or nested) and (best is None or len(prefix) > best[1]):
                best = (number, len(prefix))
    return None if best is None else best[0]


def test_every_module_has_a_layer_and_imports_none_above_it() -> None:
    edges = graph()
    unplaced = sorted(m for m in edges if layer_of(m) is None)
    assert unplaced == [], "name the layer of these modules in LAYERS"
    upward = [
        f"{module} ({LAYERS[layer_of(module) or 0][0]}) imports {target} "
        f"({LAYERS[layer_of(target) or 0][0]})"
        for module, targets in sorted(edges.items())
        for target in sorted(targets)
        if (layer_of(target) or 0) > (layer_of(module) or 0)
    ]
    assert upward == []
