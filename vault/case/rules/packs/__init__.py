"""The rule packs shipped with the app: one JSON file per source document (see vault.case.rules.packfile)."""
