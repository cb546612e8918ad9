"""Import pipeline and the metadata readers it uses (kind, time, provenance)."""
