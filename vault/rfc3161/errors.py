"""Errors of the time-stamp protocol; each message is one sentence naming the TSA's fault."""

from __future__ import annotations

from vault.errors import VaultError


class TsaError(VaultError):
    """A time-stamp authority could not give a usable timestamp."""

    code = "tsa"
    exit_code = 1


class TsaUnreachableError(TsaError):
    """The TSA could not be reached or did not answer with a reply (network, HTTP)."""

    code = "tsa_unreachable"


class TsaReplyError(TsaError):
    """The TSA answered, but its reply is not a valid timestamp of what was sent."""

    code = "tsa_bad_reply"


class TsaUntrustedError(TsaReplyError):
    """The reply is well formed, but its signature does not lead to a trusted root."""

    code = "tsa_untrusted"


class TsaUrlError(VaultError):
    code = "tsa_url"
    exit_code = 2
