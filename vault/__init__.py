"""Evidence Vault core: everything a user can do, with no Qt anywhere below this package."""

__version__ = "0.1.0"
