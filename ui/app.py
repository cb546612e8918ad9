"""Start the desktop app: private files, logging, translators, error dialogs, the window."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ui.children import run_child
from vault.logfile import start_file_log

logger = logging.getLogger(__name__)


def _setup_logging() -> None:
    level = logging.DEBUG if os.environ.get("EVAULT_DEBUG") else logging.INFO
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def install_error_handling(show: Callable[[BaseException], None]) -> Path | None:
    """Send every unexpected failure to ``show`` as one sentence naming the log file.

    Starts the private file log (``vault.logfile``), tells the error dialog its path, and
    routes both uncaught exceptions (slots, timers) and failed background operations to
    the dialog. Returns the log file's path, ``None`` if it could not be created.
    """
    from ui import errors, tasks  # noqa: PLC0415 - Qt only when the GUI starts

    path = start_file_log()
    errors.log_file = path
    sys.excepthook = errors.excepthook
    tasks.set_default_failure(show)
    return path


def no_display_sentence(environ: Mapping[str, str], platform: str) -> str | None:
    """One sentence when the window has no screen to open on, else None.

    On Linux a window needs an X or Wayland display; without one (an SSH session, a
    service) Qt would abort with several lines about platform plugins instead.
    """
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return (
        "there is no screen to open the window on (neither DISPLAY nor WAYLAND_DISPLAY "
        "is set): start it from the desktop, or use the evault command."
    )


def run(vault: Path | None = None, argv: Sequence[str] | None = None) -> int:
    """Run the app until its window closes; ``vault`` opens that vault's unlock page.

    A second launch by the same user only brings the running window back and returns 0
    (``ui.single_instance``); the vault it names is not opened in the running one.
    """
    os.umask(0o077)  # every file the app writes is private to the user
    _setup_logging()
    missing = no_display_sentence(os.environ, sys.platform)
    if missing is not None:
        print(f"evidence-vault: {missing}", file=sys.stderr)
        return 2
    from PySide6.QtGui import QIcon  # noqa: PLC0415 - Qt only when the GUI starts
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from ui import single_instance  # noqa: PLC0415
    from ui.settings import APPLICATION, ORGANIZATION, Settings  # noqa: PLC0415

    app = QApplication.instance() or QApplication([sys.argv[0], *(argv or [])])
    if not isinstance(app, QApplication):
        raise TypeError("Evidence Vault needs a QApplication.")
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setDesktopFileName("evidence-vault")
    server = single_instance.claim()
    if server is None:  # the running app was asked to show its window: that is all
        logger.info("Evidence Vault is already running; its window was brought back.")
        return 0
    from ui import errors, i18n, tasks  # noqa: PLC0415 - not loaded by a second launch
    from ui.main_window import MainWindow  # noqa: PLC0415

    icon = i18n.resource_dir() / "icons" / "evidence-vault.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    settings = Settings()
    i18n.install(i18n.choose_language(settings.language))
    install_error_handling(lambda error: errors.show_error(app.activeWindow(), error))
    window = MainWindow(settings)
    single_instance.Instance(server, window.way_back.show_window)
    window.show()
    if vault is not None:
        window.open_path(vault)
    code = app.exec()
    tasks.worker().stop()
    return int(code)


def main() -> int:
    """The ``evidence-vault`` command (and, in a frozen build, the unlock's scrypt child
    and the OCR pass's Tesseract children, and a backup's read-back child);
    ``--selftest`` runs the self-test offscreen (``ui.selftest``)."""
    args = sys.argv[1:]
    child = run_child(args)
    if child is not None:
        return child
    if args == ["--selftest"]:
        from ui import selftest  # noqa: PLC0415 - only for the self-test

        os.umask(0o077)
        return selftest.run()
    vault = Path(args[0]) if args and not args[0].startswith("-") else None
    return run(vault)


if __name__ == "__main__":
    sys.exit(main())
