"""``evault completion bash|zsh``: the shell's tab completion, generated from the parser.

The script comes from the very parser ``evault`` runs (``shtab``), so every command,
action, option and choice completes as it is today; option values marked in the parser
as folders (``--vault``) or files (``--passphrase-file``, the files to import) complete
as paths. The script names no path of this computer (the default vault is "the
window's vault" in it), so it can be shipped. ``shtab`` is loaded only by this command.
"""

from __future__ import annotations

import argparse

from vault.cli.common import DEFAULT_VAULT, FILE, FOLDER, CommandTree

SHELLS = ("bash", "zsh")


def cmd_completion(args: argparse.Namespace) -> int:
    import shtab  # noqa: PLC0415 - loaded when the command runs

    parser: argparse.ArgumentParser = args.root_parser
    kinds = {FOLDER: shtab.DIRECTORY, FILE: shtab.FILE}
    for action in _actions(parser):
        kind = getattr(action, "complete_kind", None)
        if kind in kinds:
            action.complete = kinds[kind]  # type: ignore[attr-defined]
        if action.help and DEFAULT_VAULT in action.help:
            action.help = action.help.replace(DEFAULT_VAULT, "the window's vault")
    script: str = shtab.complete(parser, shell=args.shell)
    print(script.rstrip("\n"))
    return 0


def _actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """Every action of ``parser`` and of its sub-commands, however deep."""
    found: list[argparse.Action] = []
    for action in parser._actions:
        found.append(action)
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):  # aliases share a parser
                found += _actions(sub)
    return found


def add_commands(tree: CommandTree) -> None:
    completion = tree.plain(
        "completion",
        "print the shell's tab completion for evault (bash or zsh)",
        cmd_completion,
    )
    completion.add_argument(
        "shell",
        choices=SHELLS,
        help="the shell: source the bash script, or put the zsh one on $fpath as _evault",
    )
